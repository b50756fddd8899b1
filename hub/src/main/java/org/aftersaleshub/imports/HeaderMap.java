package org.aftersaleshub.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aftersaleshub.web.FieldViolation;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.springframework.http.HttpStatus;

/**
 * Which file column holds which {@link ImportColumn}: a header is the column's Chinese header (客户编号) or its field
 * name in any case ({@code id}, {@code ID}), in any order. Every template column must be there, each once; a header
 * the template does not have is refused with the nearest one it does have ("did you mean"). A column with an empty
 * header is not read.
 */
final class HeaderMap {

    private final List<ImportColumn> columns;
    /** For each template column, in template order, its index in the file. */
    private final int[] fileIndex;

    private HeaderMap(List<ImportColumn> columns, int[] fileIndex) {
        this.columns = columns;
        this.fileIndex = fileIndex;
    }

    static HeaderMap of(List<String> header, List<ImportColumn> columns) {
        Map<String, Integer> byHeader = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            byHeader.put(columns.get(i).zh(), i);
            byHeader.put(columns.get(i).name().toLowerCase(Locale.ROOT), i);
        }
        int[] index = new int[columns.size()];
        java.util.Arrays.fill(index, -1);
        List<FieldViolation> errors = new ArrayList<>();
        Map<String, String[]> first = new LinkedHashMap<>();
        for (int f = 0; f < header.size(); f++) {
            String h = header.get(f);
            if (h.isEmpty()) {
                continue;
            }
            Integer c = byHeader.containsKey(h) ? byHeader.get(h) : byHeader.get(h.toLowerCase(Locale.ROOT));
            String letter = ImportEngine.columnLetter(f);
            if (c == null) {
                String near = nearest(h, columns);
                String zh = "表头“" + h + "”（" + letter + " 列）不是模板的列" + (near == null ? "" : "，是否应为“" + near + "”？");
                String en = "header '" + h + "' (column " + letter + ") is not a column of the template"
                        + (near == null ? "" : "; did you mean '" + near + "'?");
                errors.add(new FieldViolation("header:" + h, "unknown-header", en + " (" + zh + ")"));
                first.putIfAbsent("unknown-header", new String[] {"header:" + h, zh, en});
            } else if (index[c] >= 0) {
                String zh = "“" + columns.get(c).zh() + "”列出现了两次（" + ImportEngine.columnLetter(index[c]) + " 列和 "
                        + letter + " 列）";
                String en = "column " + columns.get(c).zh() + " (" + columns.get(c).name() + ") appears twice, in "
                        + ImportEngine.columnLetter(index[c]) + " and " + letter;
                errors.add(new FieldViolation("header:" + h, "duplicate-header", en + " (" + zh + ")"));
                first.putIfAbsent("duplicate-header", new String[] {"header:" + h, zh, en});
            } else {
                index[c] = f;
            }
        }
        for (int c = 0; c < columns.size(); c++) {
            if (index[c] < 0) {
                ImportColumn col = columns.get(c);
                String zh = "缺少“" + col.zh() + "”列";
                String en = "column " + col.zh() + " (" + col.name() + ") is missing";
                errors.add(new FieldViolation("header:" + col.zh(), "missing-header", en + " (" + zh + ")"));
                first.putIfAbsent("missing-header", new String[] {"header:" + col.zh(), zh, en});
            }
        }
        if (!errors.isEmpty()) {
            Map.Entry<String, String[]> e = first.entrySet().iterator().next();
            String expected = String.join("、", columns.stream().map(ImportColumn::zh).toList());
            throw new FileRefusal(HttpStatus.UNPROCESSABLE_ENTITY, e.getValue()[0], e.getKey(),
                    e.getValue()[1] + "。表头应为（顺序不限）：" + expected + "。请下载导入模板。",
                    e.getValue()[2] + ". The header row must hold these columns (any order; Chinese or English "
                            + "names): " + expected + "; download the import template.",
                    errors.size() > 1 ? errors : List.of());
        }
        return new HeaderMap(columns, index);
    }

    /** The template header nearest to an unknown one, when near enough to be a typo. */
    private static String nearest(String header, List<ImportColumn> columns) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ImportColumn c : columns) {
            for (String candidate : List.of(c.zh(), c.name())) {
                int d = distance.apply(header.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = candidate;
                }
            }
        }
        return best != null && bestDistance <= Math.max(1, Math.min(best.length(), header.length()) / 3) ? best : null;
    }

    List<ImportColumn> columns() {
        return columns;
    }

    /** The file's cell of template column {@code c}. */
    RawRow.Cell cell(RawRow row, int c) {
        return row.cell(fileIndex[c]);
    }

    /** The file's cells in template order (the error report's columns). */
    List<String> texts(RawRow row) {
        List<String> out = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            out.add(cell(row, c).text());
        }
        return out;
    }
}
