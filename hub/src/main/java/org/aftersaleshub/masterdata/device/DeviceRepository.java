package org.aftersaleshub.masterdata.device;

import static org.aftersaleshub.masterdata.MasterDataSql.date;
import static org.aftersaleshub.masterdata.MasterDataSql.instant;
import static org.aftersaleshub.masterdata.MasterDataSql.odt;

import java.sql.ResultSet;
import java.sql.SQLException;
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

/**
 * Plain JDBC access to device; the same SQL on H2 and PostgreSQL. Records come back without their warranty state,
 * which {@link DeviceService} adds for today.
 */
@Repository
public class DeviceRepository implements MasterDataService.Store<Device> {

    private static final String COLUMNS = "serial, model, product_line, customer_id, purchase_date, warranty_end, "
            + "created_at, updated_at, version";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    DeviceRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    public void insert(Device d) {
        jdbc.update("insert into device (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)", d.serial(), d.model(),
                d.productLine(), d.customerId(), d.purchaseDate(), d.warrantyEnd(), odt(d.createdAt()),
                odt(d.updatedAt()), d.version());
    }

    public void update(Device d, long expectedVersion) {
        int n = jdbc.update("update device set model = ?, product_line = ?, customer_id = ?, purchase_date = ?, "
                        + "warranty_end = ?, updated_at = ?, version = ? where serial = ? and version = ?",
                d.model(), d.productLine(), d.customerId(), d.purchaseDate(), d.warrantyEnd(), odt(d.updatedAt()),
                d.version(), d.serial(), expectedVersion);
        if (n != 1) {
            throw new OptimisticLockingFailureException("device " + d.serial() + " changed concurrently");
        }
    }

    public boolean delete(String serial) {
        return jdbc.update("delete from device where serial = ?", serial) == 1;
    }

    public Optional<Device> find(String serial) {
        return jdbc.query("select " + COLUMNS + " from device where serial = ?", this::mapRow, serial).stream()
                .findFirst();
    }

    public Optional<Device> lock(String serial) {
        return jdbc.query("select " + COLUMNS + " from device where serial = ? for update", this::mapRow, serial)
                .stream().findFirst();
    }

    /** The warranty end of each known serial among {@code serials} (absent: unknown serial or no end). */
    public java.util.Map<String, java.time.LocalDate> warrantyEnds(java.util.Collection<String> serials) {
        java.util.Map<String, java.time.LocalDate> out = new java.util.HashMap<>();
        if (serials.isEmpty()) {
            return out;
        }
        named.query("select serial, warranty_end from device where serial in (:serials) and warranty_end is not null",
                new MapSqlParameterSource("serials", serials), (ResultSet rs) -> {
                    out.put(rs.getString(1), date(rs, "warranty_end"));
                });
        return out;
    }

    /** Every device of a customer, by serial. */
    public List<Device> ofCustomer(String customerId) {
        return jdbc.query("select " + COLUMNS + " from device where customer_id = ? order by serial", this::mapRow,
                customerId);
    }

    /** By serial, filtered: {@code text} is a case-insensitive part of serial or model; null filters mean any. */
    public MasterDataPage<Device> search(String text, String customerId, String productLine, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        MapSqlParameterSource args = new MapSqlParameterSource();
        if (text != null) {
            where.append(" and (lower(serial) like :text escape '\\' or lower(model) like :text escape '\\')");
            args.addValue("text", MasterDataSql.contains(text));
        }
        if (customerId != null) {
            where.append(" and customer_id = :customer");
            args.addValue("customer", customerId);
        }
        if (productLine != null) {
            where.append(" and product_line = :line");
            args.addValue("line", productLine);
        }
        Long total = named.queryForObject("select count(*) from device" + where, args, Long.class);
        args.addValue("limit", size).addValue("offset", (long) page * size);
        List<Device> rows = named.query("select " + COLUMNS + " from device" + where
                + " order by serial limit :limit offset :offset", args, this::mapRow);
        return new MasterDataPage<>(rows, page, size, total == null ? 0 : total);
    }

    private Device mapRow(ResultSet rs, int row) throws SQLException {
        return new Device(rs.getString("serial"), rs.getString("model"), rs.getString("product_line"),
                rs.getString("customer_id"), date(rs, "purchase_date"), date(rs, "warranty_end"), null,
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.getLong("version"));
    }
}
