package org.aftersaleshub.masterdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.aftersaleshub.connector.conformance.StockConnectorFixture;
import org.aftersaleshub.connector.conformance.StockConnectorFixture.StartedMock;
import org.aftersaleshub.imports.ImportColumn;
import org.aftersaleshub.imports.ImportRow;
import org.aftersaleshub.imports.ImportTarget;
import org.aftersaleshub.imports.ImportTarget.WriteCounts;
import org.aftersaleshub.imports.RowProblem;
import org.aftersaleshub.masterdata.customer.CustomerImportTarget;
import org.aftersaleshub.masterdata.device.DeviceImportTarget;
import org.aftersaleshub.masterdata.part.SparePartImportTarget;
import org.aftersaleshub.masterdata.warehouse.WarehouseImportTarget;
import org.aftersaleshub.testsupport.ErpInstances;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The four {@link ImportTarget}s, driven directly the way the import engine drives them (the engine is another
 * package's): the demo master data CSVs load with no row problem, a second write of the same rows changes nothing —
 * not even a version — and each target refuses bad rows with the API's rules, naming the column. The hub runs with
 * the Kingdee mock declared as {@code kingdee-demo}, the instance the demo files name.
 */
@SpringBootTest
class MasterDataImportTargetsTest {

    static final StartedMock KINGDEE = ErpInstances.fixtures().stream().filter(f -> f.type().equals("kingdee"))
            .findFirst().orElseThrow().start();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        ErpInstances.erpStockRouteOnly(r);
        ErpInstances.register(r, ErpInstances.properties("kingdee-demo", KINGDEE,
                java.time.Duration.ofMillis(StockConnectorFixture.CONNECTOR_TIMEOUT_MS)));
        r.add("hub.connectors.kingdee-demo.enabled", () -> "true");
    }

    @AfterAll
    static void stop() {
        KINGDEE.close();
    }

    @Autowired
    CustomerImportTarget customers;
    @Autowired
    DeviceImportTarget devices;
    @Autowired
    SparePartImportTarget parts;
    @Autowired
    WarehouseImportTarget warehouses;
    @Autowired
    List<ImportTarget> all;
    @Autowired
    JdbcTemplate jdbc;

    /** Keys of rows accepted so far, by entity, as the engine keeps them. */
    final Map<String, Set<String>> accepted = new HashMap<>();

    ImportTarget.EarlierRows earlier() {
        return (entity, key) -> accepted.getOrDefault(entity, Set.of()).contains(key);
    }

    // ------------------------------------------------------------------ demo files

    @Test
    void theDemoFilesLoadWithoutProblemsAndASecondWriteChangesNothingNotEvenAVersion() throws IOException {
        assertThat(all).extracting(ImportTarget::entity).contains("customers", "devices", "parts", "warehouses");
        Map<ImportTarget, List<ImportRow>> files = new LinkedHashMap<>();
        for (ImportTarget t : List.of(customers, warehouses, parts, devices)) {
            files.put(t, demoRows(t));
        }
        assertThat(files.get(parts)).hasSize(50);
        assertThat(files.get(warehouses)).hasSize(3);
        assertThat(files.get(customers)).hasSize(20);
        assertThat(files.get(devices)).hasSize(20);

        for (var e : files.entrySet()) {
            for (ImportRow row : e.getValue()) {
                assertThat(e.getKey().check(row, earlier())).as("%s row %s", e.getKey().entity(), row.number())
                        .isEmpty();
                accepted.computeIfAbsent(e.getKey().entity(), k -> new HashSet<>())
                        .add(row.text(e.getKey().keyColumns().get(0)));
            }
            WriteCounts first = e.getKey().write(e.getValue());
            assertThat(first.created() + first.updated() + first.unchanged()).isEqualTo(e.getValue().size());
        }
        assertThat(jdbc.queryForObject("select erp_code from spare_part_erp_code where sku = 'SP-COMP-001' and "
                + "erp_instance = 'kingdee-demo'", String.class)).isEqualTo("1.01.0001");
        assertThat(jdbc.queryForMap("select erp_instance, erp_code, notify_channel, notify_users from warehouse "
                + "where code = 'WH01'")).containsValues("kingdee-demo", "CK001", "DINGTALK", "ding_user_004");
        assertThat(jdbc.queryForObject("select tier from customer where id = 'C0001'", String.class)).isEqualTo("VIP");

        List<Map<String, Object>> before = versions();
        for (var e : files.entrySet()) {
            WriteCounts again = e.getKey().write(e.getValue());
            assertThat(again).as(e.getKey().entity()).isEqualTo(new WriteCounts(0, 0, e.getValue().size()));
        }
        assertThat(versions()).isEqualTo(before);
    }

    @Test
    void aChangedRowIsUpdatedOnceWithTheNextVersionAndThenLeftAlone() {
        String id = "C-IMP-" + System.nanoTime();
        ImportRow row = row(2, "id", id, "name", "导入客户", "tier", "普通");
        assertThat(customers.write(List.of(row))).isEqualTo(new WriteCounts(1, 0, 0));
        ImportRow changed = row(2, "id", id, "name", "导入客户", "tier", "VIP", "contactName", "钱经理");
        assertThat(customers.write(List.of(changed))).isEqualTo(new WriteCounts(0, 1, 0));
        assertThat(customers.write(List.of(changed))).isEqualTo(new WriteCounts(0, 0, 1));
        assertThat(jdbc.queryForObject("select version from customer where id = ?", Long.class, id)).isEqualTo(2);
        // a row without a contact keeps the contacts the customer has
        assertThat(customers.write(List.of(row(2, "id", id, "name", "导入客户", "tier", "VIP"))))
                .isEqualTo(new WriteCounts(0, 0, 1));
        assertThat(jdbc.queryForObject("select name from customer_contact where customer_id = ?", String.class, id))
                .isEqualTo("钱经理");
    }

    // ------------------------------------------------------------------ the API's rules, per row

    @Test
    void badRowsAreRefusedWithTheApisRulesNamingTheColumn() {
        assertThat(rules(customers.check(row(2, "id", "C 1", "name", "x", "tier", "GOLD", "contactPhone", "abc"),
                earlier()))).containsExactlyInAnyOrder("id pattern:^[!-~]+$", "tier enum:[VIP, KEY, STANDARD]",
                "contactName required", "contactPhone pattern:phone");

        ImportRow device = row(3, "serial", "SN-IMP-1", "model", "AC-9", "customerId", "C-LATER",
                "purchaseDate", LocalDate.of(2025, 3, 1), "warrantyEnd", LocalDate.of(2025, 2, 1));
        assertThat(rules(devices.check(device, earlier()))).containsExactlyInAnyOrder(
                "customerId unknown-reference:customers", "warrantyEnd not-before:purchaseDate");
        accepted.put("customers", Set.of("C-LATER"));
        assertThat(rules(devices.check(device, earlier()))).as("a customer earlier in the file")
                .containsExactly("warrantyEnd not-before:purchaseDate");

        assertThat(rules(parts.check(row(4, "sku", "SP-IMP-1", "name", "x", "unit", "个",
                "safetyStock", new BigDecimal("-1"), "erpCodes", "kingdee-demo"), earlier())))
                .containsExactlyInAnyOrder("safetyStock min:0", "erpCodes format:instance=code;instance2=code2");
        List<RowProblem> unknownInstance = parts.check(row(4, "sku", "SP-IMP-1", "name", "x", "unit", "个",
                "erpCodes", "kingdee-nowhere=1.01.0001"), earlier());
        assertThat(unknownInstance).hasSize(1);
        assertThat(unknownInstance.get(0).column()).isEqualTo("erpCodes");
        assertThat(unknownInstance.get(0).rule()).isEqualTo("enum:[kingdee-demo]");
        assertThat(unknownInstance.get(0).hintZh()).contains("kingdee-nowhere");

        assertThat(rules(warehouses.check(row(5, "code", "WH-IMP", "name", "仓", "erpInstance", "u8-nowhere",
                "erpCode", "CK9", "notifyChannel", "SMS"), earlier())))
                .containsExactlyInAnyOrder("erpInstance enum:[kingdee-demo]", "notifyChannel enum:[DINGTALK, WECOM]");
        assertThat(rules(warehouses.check(row(5, "code", "WH-IMP", "name", "仓", "erpInstance", "kingdee-demo",
                "erpCode", "CK9", "notifyChannel", "wecom"), earlier())))
                .containsExactly("notifyChannel requires:notifyRobot|notifyUsers");
    }

    @Test
    void everyTemplateHasChineseHeadersAndItsKeyAmongItsColumns() {
        for (ImportTarget t : List.of(customers, devices, parts, warehouses)) {
            List<String> names = t.columns().stream().map(ImportColumn::name).toList();
            assertThat(names).containsAll(t.keyColumns());
            assertThat(t.columns()).allMatch(c -> !c.zh().isBlank() && !c.hintZh().isBlank() && !c.hintEn().isBlank());
            assertThat(t.label()).isNotBlank();
        }
    }

    // ------------------------------------------------------------------ helpers

    static List<String> rules(List<RowProblem> problems) {
        return problems.stream().map(p -> p.column() + " " + p.rule()).toList();
    }

    static ImportRow row(int number, Object... pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return new ImportRow(number, values);
    }

    List<Map<String, Object>> versions() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String q : List.of("select id k, version, updated_at from customer order by id",
                "select serial k, version, updated_at from device order by serial",
                "select sku k, version, updated_at from spare_part order by sku",
                "select code k, version, updated_at from warehouse order by code")) {
            out.addAll(jdbc.queryForList(q));
        }
        return out;
    }

    /**
     * The demo CSV of a target as the engine would hand it over: UTF-8 with BOM, Chinese headers matched to the
     * columns, empty cells absent, dates and decimals converted. The demo files quote nothing.
     */
    static List<ImportRow> demoRows(ImportTarget t) throws IOException {
        String text;
        try (InputStream in = MasterDataImportTargetsTest.class.getResourceAsStream(
                "/demo/master-data/" + t.entity() + ".csv")) {
            assertThat(in).as("demo file of %s", t.entity()).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(text).startsWith("\uFEFF");
        String[] lines = text.substring(1).split("\r?\n");
        String[] header = lines[0].split(",", -1);
        assertThat(header).containsExactly(t.columns().stream().map(ImportColumn::zh).toArray(String[]::new));
        List<ImportRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].split(",", -1);
            Map<String, Object> values = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                ImportColumn col = t.columns().get(c);
                String cell = c < cells.length ? cells[c].strip() : "";
                if (cell.isEmpty()) {
                    continue;
                }
                values.put(col.name(), switch (col.type()) {
                    case DATE -> LocalDate.parse(cell);
                    case DECIMAL -> new BigDecimal(cell);
                    case INTEGER -> Long.valueOf(cell);
                    case TEXT -> cell;
                });
            }
            rows.add(new ImportRow(i + 1, values));
        }
        return rows;
    }
}
