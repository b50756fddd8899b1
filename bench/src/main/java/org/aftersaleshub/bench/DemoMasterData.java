package org.aftersaleshub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded default's demo parts and warehouses ({@code hub/src/main/resources/demo/master-data/*.csv}, what the
 * hub imports at a demo start) as the pipeline benchmark books them: the hub no longer maps SKUs and warehouses with
 * connector properties, so the benchmark creates these rows through the hub's master-data API under its own connector
 * instance before anything is measured (docs/import.md, {@code /api/v1/parts}, {@code /api/v1/warehouses}).
 *
 * @param materials  the demo parts' SKU → material code in the demo Kingdee instance, in file order
 * @param units      SKU → unit
 * @param names      SKU → name
 * @param warehouses the demo warehouses' code → [name, region, ERP code]
 */
record DemoMasterData(Map<String, String> materials, Map<String, String> units, Map<String, String> names,
                      Map<String, List<String>> warehouses) {

    static final String DIR = "hub/src/main/resources/demo/master-data";

    /** Reads the two files of {@code repo}; both are plain UTF-8 CSV with a BOM, no quoted cells. */
    static DemoMasterData read(Path repo, String demoInstance) throws IOException {
        Map<String, String> materials = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        // 备件编码,名称,规格,单位,安全库存,ERP编码 (instance=code;...)
        for (String[] row : rows(repo.resolve(DIR + "/parts.csv"), 6)) {
            for (String pair : row[5].split(";")) {
                if (pair.startsWith(demoInstance + "=")) {
                    materials.put(row[0], pair.substring(demoInstance.length() + 1));
                }
            }
            units.put(row[0], row[3]);
            names.put(row[0], row[1]);
        }
        Map<String, List<String>> warehouses = new LinkedHashMap<>();
        // 仓库编码,仓库名称,区域,ERP实例,ERP仓库编码,...
        for (String[] row : rows(repo.resolve(DIR + "/warehouses.csv"), 5)) {
            if (row[3].equals(demoInstance)) {
                warehouses.put(row[0], List.of(row[1], row[2], row[4]));
            }
        }
        if (materials.isEmpty() || warehouses.isEmpty()) {
            throw new IllegalStateException("no parts or warehouses of " + demoInstance + " in " + repo.resolve(DIR));
        }
        return new DemoMasterData(materials, units, names, warehouses);
    }

    private static List<String[]> rows(Path csv, int columns) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) { // the first line is the Chinese header
            if (!line.isBlank()) {
                String[] cells = line.split(",", -1);
                if (cells.length < columns) {
                    throw new IllegalStateException(csv + ": fewer than " + columns + " cells in '" + line + "'");
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    /** {@code POST /api/v1/warehouses} body: the demo warehouse booked by {@code instance}. */
    String warehouseJson(String code, String instance) {
        List<String> w = warehouses.get(code);
        return """
                {"code":"%s","name":"%s","region":"%s","erpInstance":"%s","erpCode":"%s"}"""
                .formatted(code, w.get(0), w.get(1), instance, w.get(2));
    }

    /** {@code POST /api/v1/parts} body: the demo part with its material code under {@code instance}. */
    String partJson(String sku, String instance) {
        return """
                {"sku":"%s","name":"%s","unit":"%s","erpCodes":{"%s":"%s"}}"""
                .formatted(sku, names.get(sku), units.get(sku), instance, materials.get(sku));
    }

    /** The ERP code of a demo warehouse. */
    String erpWarehouse(String code) {
        List<String> w = warehouses.get(code);
        if (w == null) {
            throw new IllegalStateException("no demo warehouse " + code + " in " + DIR + "/warehouses.csv");
        }
        return w.get(2);
    }
}
