package org.aftersaleshub.imports;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A test-only import target over a table of its own ({@code imp_test_item}), so the engine is tested without the
 * master-data targets: a TEXT key, TEXT, DECIMAL, INTEGER and DATE columns and a reference to another item that must
 * exist in the table or earlier in the same file. {@link #beforeWrite} lets a test hold a write (progress test).
 */
class TestItemsTarget implements ImportTarget {

    static final String ENTITY = "test-items";

    private final JdbcTemplate jdbc;
    /** Called with the number of the write batch (1, 2, …) before it is written. */
    volatile IntConsumer beforeWrite = n -> { };
    final AtomicInteger writes = new AtomicInteger();

    TestItemsTarget(JdbcTemplate jdbc) {
        this(jdbc, true);
    }

    /** Without the table: for tests of the columns alone. */
    TestItemsTarget(JdbcTemplate jdbc, boolean createTable) {
        this.jdbc = jdbc;
        if (!createTable) {
            return;
        }
        jdbc.execute("create table if not exists imp_test_item (code varchar(32) primary key, name varchar(100) "
                + "not null, price numeric(18,4), qty bigint, since date, parent varchar(32), version bigint not null)");
    }

    @Override
    public String entity() {
        return ENTITY;
    }

    @Override
    public String label() {
        return "测试物料";
    }

    @Override
    public List<ImportColumn> columns() {
        return List.of(
                new ImportColumn("code", "物料编号", ImportColumn.Type.TEXT, true, 32, "如 T-001", "e.g. T-001"),
                new ImportColumn("name", "物料名称", ImportColumn.Type.TEXT, true, 100, "物料的名称", "the item's name"),
                new ImportColumn("price", "单价", ImportColumn.Type.DECIMAL, false, 0, "如 12.5", "e.g. 12.5"),
                new ImportColumn("qty", "数量", ImportColumn.Type.INTEGER, false, 0, "整数", "a whole number"),
                new ImportColumn("since", "启用日期", ImportColumn.Type.DATE, false, 0, "如 2025-03-31", "e.g. 2025-03-31"),
                new ImportColumn("parent", "上级编号", ImportColumn.Type.TEXT, false, 32, "已有物料的编号",
                        "the code of an existing item"));
    }

    @Override
    public List<String> keyColumns() {
        return List.of("code");
    }

    @Override
    public List<RowProblem> check(ImportRow row, EarlierRows earlierKeys) {
        List<RowProblem> problems = new ArrayList<>();
        if (row.decimal("price") != null && row.decimal("price").signum() < 0) {
            problems.add(new RowProblem("price", "min:0", "单价不能为负数", "must not be negative"));
        }
        String parent = row.text("parent");
        if (parent != null && !earlierKeys.contains(ENTITY, parent) && jdbc.queryForObject(
                "select count(*) from imp_test_item where code = ?", Integer.class, parent) == 0) {
            problems.add(new RowProblem("parent", "unknown-reference:test-items", "上级编号 " + parent + " 不存在",
                    "no item " + parent));
        }
        return problems;
    }

    @Override
    public WriteCounts write(List<ImportRow> rows) {
        beforeWrite.accept(writes.incrementAndGet());
        WriteCounts counts = new WriteCounts(0, 0, 0);
        for (ImportRow r : rows) {
            List<Map<String, Object>> old = jdbc.queryForList(
                    "select name, price, qty, since, parent from imp_test_item where code = ?", r.text("code"));
            Object[] values = {r.text("name"), r.decimal("price"), r.integer("qty"),
                    r.date("since") == null ? null : Date.valueOf(r.date("since")), r.text("parent"), r.text("code")};
            if (old.isEmpty()) {
                jdbc.update("insert into imp_test_item (name, price, qty, since, parent, code, version) "
                        + "values (?, ?, ?, ?, ?, ?, 1)", values);
                counts = counts.plus(new WriteCounts(1, 0, 0));
            } else if (same(old.get(0), r)) {
                counts = counts.plus(new WriteCounts(0, 0, 1));
            } else {
                jdbc.update("update imp_test_item set name = ?, price = ?, qty = ?, since = ?, parent = ?, "
                        + "version = version + 1 where code = ?", values);
                counts = counts.plus(new WriteCounts(0, 1, 0));
            }
        }
        return counts;
    }

    private static boolean same(Map<String, Object> old, ImportRow r) {
        BigDecimal price = (BigDecimal) value(old, "price");
        Number qty = (Number) value(old, "qty");
        Object since = value(old, "since");
        LocalDate date = since == null ? null : ((Date) since).toLocalDate();
        return Objects.equals(value(old, "name"), r.text("name"))
                && (price == null ? r.decimal("price") == null
                        : r.decimal("price") != null && price.compareTo(r.decimal("price")) == 0)
                && Objects.equals(qty == null ? null : qty.longValue(), r.integer("qty"))
                && Objects.equals(date, r.date("since")) && Objects.equals(value(old, "parent"), r.text("parent"));
    }

    private static Object value(Map<String, Object> row, String column) {
        // queryForList's map is case-insensitive on both H2 and PostgreSQL
        return row.get(column);
    }

    int count() {
        return jdbc.queryForObject("select count(*) from imp_test_item", Integer.class);
    }

    /** The table as text, for "unchanged" assertions. */
    List<Map<String, Object>> all() {
        return jdbc.queryForList("select * from imp_test_item order by code");
    }

    void clear() {
        jdbc.update("delete from imp_test_item");
    }
}
