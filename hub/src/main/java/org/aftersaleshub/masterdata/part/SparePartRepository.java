package org.aftersaleshub.masterdata.part;

import static org.aftersaleshub.masterdata.MasterDataSql.instant;
import static org.aftersaleshub.masterdata.MasterDataSql.odt;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.aftersaleshub.masterdata.MasterDataPage;
import org.aftersaleshub.masterdata.MasterDataService;
import org.aftersaleshub.masterdata.MasterDataSql;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Plain JDBC access to spare_part and spare_part_erp_code; the same SQL on H2 and PostgreSQL. */
@Repository
public class SparePartRepository implements MasterDataService.Store<SparePart> {

    private static final String COLUMNS = "sku, name, spec, unit, safety_stock, active, created_at, updated_at, "
            + "version";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    SparePartRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    public void insert(SparePart p) {
        jdbc.update("insert into spare_part (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)", p.sku(), p.name(),
                p.spec(), p.unit(), p.safetyStock(), p.active(), odt(p.createdAt()), odt(p.updatedAt()), p.version());
        writeCodes(p);
    }

    public void update(SparePart p, long expectedVersion) {
        int n = jdbc.update("update spare_part set name = ?, spec = ?, unit = ?, safety_stock = ?, active = ?, "
                        + "updated_at = ?, version = ? where sku = ? and version = ?", p.name(), p.spec(), p.unit(),
                p.safetyStock(), p.active(), odt(p.updatedAt()), p.version(), p.sku(), expectedVersion);
        if (n != 1) {
            throw new OptimisticLockingFailureException("spare part " + p.sku() + " changed concurrently");
        }
        jdbc.update("delete from spare_part_erp_code where sku = ?", p.sku());
        writeCodes(p);
    }

    public Optional<SparePart> find(String sku) {
        return withCodes(jdbc.query("select " + COLUMNS + " from spare_part where sku = ?", this::mapRow, sku))
                .stream().findFirst();
    }

    public Optional<SparePart> lock(String sku) {
        return withCodes(jdbc.query("select " + COLUMNS + " from spare_part where sku = ? for update", this::mapRow,
                sku)).stream().findFirst();
    }

    /** The part's code in {@code instance}, if the part is known and has one there. */
    public Optional<String> erpCode(String sku, String instance) {
        return jdbc.queryForList("select erp_code from spare_part_erp_code where sku = ? and erp_instance = ?",
                String.class, sku, instance).stream().findFirst();
    }

    public boolean exists(String sku) {
        return !jdbc.queryForList("select sku from spare_part where sku = ?", String.class, sku).isEmpty();
    }

    /** The SKU of another part holding {@code code} in {@code instance}, if any. */
    Optional<String> holderOfCode(String instance, String code, String exceptSku) {
        return jdbc.queryForList("select sku from spare_part_erp_code where erp_instance = ? and erp_code = ? "
                + "and sku <> ?", String.class, instance, code, exceptSku).stream().findFirst();
    }

    /** By name: {@code text} is a case-insensitive part of SKU or name; null filters mean any. */
    public MasterDataPage<SparePart> search(String text, Boolean active, String erpInstance, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        MapSqlParameterSource args = new MapSqlParameterSource();
        if (text != null) {
            where.append(" and (lower(p.sku) like :text escape '\\' or lower(p.name) like :text escape '\\')");
            args.addValue("text", MasterDataSql.contains(text));
        }
        if (active != null) {
            where.append(" and p.active = :active");
            args.addValue("active", active);
        }
        if (erpInstance != null) {
            where.append(" and exists (select 1 from spare_part_erp_code c where c.sku = p.sku"
                    + " and c.erp_instance = :instance)");
            args.addValue("instance", erpInstance);
        }
        Long total = named.queryForObject("select count(*) from spare_part p" + where, args, Long.class);
        args.addValue("limit", size).addValue("offset", (long) page * size);
        List<SparePart> rows = named.query("select " + COLUMNS.replaceAll("(\\w+)", "p.$1") + " from spare_part p"
                + where + " order by p.name, p.sku limit :limit offset :offset", args, this::mapRow);
        return new MasterDataPage<>(withCodes(rows), page, size, total == null ? 0 : total);
    }

    private void writeCodes(SparePart p) {
        p.erpCodes().forEach((instance, code) -> jdbc.update(
                "insert into spare_part_erp_code (sku, erp_instance, erp_code) values (?, ?, ?)", p.sku(), instance,
                code));
    }

    private List<SparePart> withCodes(List<SparePart> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, TreeMap<String, String>> codes = new HashMap<>();
        named.query("select sku, erp_instance, erp_code from spare_part_erp_code where sku in (:skus)",
                new MapSqlParameterSource("skus", rows.stream().map(SparePart::sku).toList()), (ResultSet rs) -> {
                    codes.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2),
                            rs.getString(3));
                });
        return rows.stream().map(p -> new SparePart(p.sku(), p.name(), p.spec(), p.unit(), p.safetyStock(),
                p.active(), codes.containsKey(p.sku()) ? java.util.Collections.unmodifiableMap(codes.get(p.sku()))
                : Map.of(), p.createdAt(), p.updatedAt(), p.version())).toList();
    }

    /** 5.000000 as 5 and 10.000000 as 10 (not 1E+1): the value as it was entered. */
    static java.math.BigDecimal plain(java.math.BigDecimal d) {
        if (d == null) {
            return null;
        }
        java.math.BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private SparePart mapRow(ResultSet rs, int row) throws SQLException {
        java.math.BigDecimal stock = rs.getBigDecimal("safety_stock");
        return new SparePart(rs.getString("sku"), rs.getString("name"), rs.getString("spec"), rs.getString("unit"),
                plain(stock), rs.getBoolean("active"), Map.of(),
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getLong("version"));
    }
}
