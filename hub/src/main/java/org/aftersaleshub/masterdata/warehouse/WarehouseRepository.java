package org.aftersaleshub.masterdata.warehouse;

import static org.aftersaleshub.masterdata.MasterDataSql.instant;
import static org.aftersaleshub.masterdata.MasterDataSql.odt;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.aftersaleshub.masterdata.MasterDataPage;
import org.aftersaleshub.masterdata.MasterDataService;
import org.aftersaleshub.masterdata.MasterDataSql;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Plain JDBC access to warehouse; the same SQL on H2 and PostgreSQL. notify_users holds the ids comma-separated. */
@Repository
public class WarehouseRepository implements MasterDataService.Store<Warehouse> {

    private static final String COLUMNS = "code, name, region, erp_instance, erp_code, notify_channel, notify_robot, "
            + "notify_users, active, created_at, updated_at, version";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    WarehouseRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    public void insert(Warehouse w) {
        jdbc.update("insert into warehouse (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", w.code(),
                w.name(), w.region(), w.erpInstance(), w.erpCode(), w.notifyChannel(), w.notifyRobot(),
                users(w.notifyUsers()), w.active(), odt(w.createdAt()), odt(w.updatedAt()), w.version());
    }

    public void update(Warehouse w, long expectedVersion) {
        int n = jdbc.update("update warehouse set name = ?, region = ?, erp_instance = ?, erp_code = ?, "
                        + "notify_channel = ?, notify_robot = ?, notify_users = ?, active = ?, updated_at = ?, "
                        + "version = ? where code = ? and version = ?", w.name(), w.region(), w.erpInstance(),
                w.erpCode(), w.notifyChannel(), w.notifyRobot(), users(w.notifyUsers()), w.active(),
                odt(w.updatedAt()), w.version(), w.code(), expectedVersion);
        if (n != 1) {
            throw new OptimisticLockingFailureException("warehouse " + w.code() + " changed concurrently");
        }
    }

    public Optional<Warehouse> find(String code) {
        return jdbc.query("select " + COLUMNS + " from warehouse where code = ?", this::mapRow, code).stream()
                .findFirst();
    }

    public Optional<Warehouse> lock(String code) {
        return jdbc.query("select " + COLUMNS + " from warehouse where code = ? for update", this::mapRow, code)
                .stream().findFirst();
    }

    /** The code of another warehouse holding {@code erpCode} in {@code instance}, if any. */
    Optional<String> holderOfCode(String instance, String erpCode, String exceptCode) {
        return jdbc.queryForList("select code from warehouse where erp_instance = ? and erp_code = ? and code <> ?",
                String.class, instance, erpCode, exceptCode).stream().findFirst();
    }

    /** True when there is at least one warehouse. */
    public boolean any() {
        return !jdbc.queryForList("select code from warehouse limit 1", String.class).isEmpty();
    }

    /** Every warehouse, by code (low-stock targets and the console read the whole, short list). */
    public List<Warehouse> all() {
        return jdbc.query("select " + COLUMNS + " from warehouse order by code", this::mapRow);
    }

    /** By code: {@code text} is a case-insensitive part of code or name; null filters mean any. */
    public MasterDataPage<Warehouse> search(String text, String region, String erpInstance, Boolean active, int page,
                                            int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        MapSqlParameterSource args = new MapSqlParameterSource();
        if (text != null) {
            where.append(" and (lower(code) like :text escape '\\' or lower(name) like :text escape '\\')");
            args.addValue("text", MasterDataSql.contains(text));
        }
        if (region != null) {
            where.append(" and region = :region");
            args.addValue("region", region);
        }
        if (erpInstance != null) {
            where.append(" and erp_instance = :instance");
            args.addValue("instance", erpInstance);
        }
        if (active != null) {
            where.append(" and active = :active");
            args.addValue("active", active);
        }
        Long total = named.queryForObject("select count(*) from warehouse" + where, args, Long.class);
        args.addValue("limit", size).addValue("offset", (long) page * size);
        List<Warehouse> rows = named.query("select " + COLUMNS + " from warehouse" + where
                + " order by code limit :limit offset :offset", args, this::mapRow);
        return new MasterDataPage<>(rows, page, size, total == null ? 0 : total);
    }

    private static String users(List<String> users) {
        return users.isEmpty() ? null : String.join(",", users);
    }

    private Warehouse mapRow(ResultSet rs, int row) throws SQLException {
        String users = rs.getString("notify_users");
        return new Warehouse(rs.getString("code"), rs.getString("name"), rs.getString("region"),
                rs.getString("erp_instance"), rs.getString("erp_code"), rs.getString("notify_channel"),
                rs.getString("notify_robot"), users == null ? List.of() : Arrays.asList(users.split(",")),
                rs.getBoolean("active"), instant(rs, "created_at"), instant(rs, "updated_at"), rs.getLong("version"));
    }
}
