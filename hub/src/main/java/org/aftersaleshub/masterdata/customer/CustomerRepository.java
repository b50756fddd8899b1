package org.aftersaleshub.masterdata.customer;

import static org.aftersaleshub.masterdata.MasterDataSql.instant;
import static org.aftersaleshub.masterdata.MasterDataSql.odt;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Plain JDBC access to customer and customer_contact; the same SQL on H2 and PostgreSQL. Public for the features
 * that keep customers in step with another source under their own rules (the CRM sync); the REST and import rules
 * are {@link CustomerService}'s.
 */
@Repository
public class CustomerRepository implements MasterDataService.Store<Customer> {

    private static final String COLUMNS = "id, name, phone, region, tier, address, crm_id, erp_customer_code, "
            + "source, created_at, updated_at, version";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    CustomerRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    public void insert(Customer c) {
        jdbc.update("insert into customer (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", c.id(),
                c.name(), c.phone(), c.region(), c.tier() == null ? null : c.tier().name(), c.address(), c.crmId(),
                c.erpCustomerCode(), c.source(), odt(c.createdAt()), odt(c.updatedAt()), c.version());
        writeContacts(c);
    }

    /** Replaces the fields and contacts; {@code expectedVersion} guards against a lost update. */
    public void update(Customer c, long expectedVersion) {
        int n = jdbc.update("update customer set name = ?, phone = ?, region = ?, tier = ?, address = ?, crm_id = ?, "
                        + "erp_customer_code = ?, updated_at = ?, version = ? where id = ? and version = ?",
                c.name(), c.phone(), c.region(), c.tier() == null ? null : c.tier().name(), c.address(), c.crmId(),
                c.erpCustomerCode(), odt(c.updatedAt()), c.version(), c.id(), expectedVersion);
        if (n != 1) {
            throw new OptimisticLockingFailureException("customer " + c.id() + " changed concurrently");
        }
        jdbc.update("delete from customer_contact where customer_id = ?", c.id());
        writeContacts(c);
    }

    /** Deletes the customer and its contacts; false when there was none. */
    public boolean delete(String id) {
        jdbc.update("delete from customer_contact where customer_id = ?", id);
        return jdbc.update("delete from customer where id = ?", id) == 1;
    }

    public Optional<Customer> find(String id) {
        return withContacts(jdbc.query("select " + COLUMNS + " from customer where id = ?", this::mapRow, id))
                .stream().findFirst();
    }

    /** Reads the record and locks its row until the transaction ends. */
    public Optional<Customer> lock(String id) {
        return withContacts(jdbc.query("select " + COLUMNS + " from customer where id = ? for update", this::mapRow,
                id)).stream().findFirst();
    }

    public boolean exists(String id) {
        return !jdbc.queryForList("select id from customer where id = ?", String.class, id).isEmpty();
    }

    /** The id of another customer holding {@code crmId}, if any. */
    Optional<String> holderOfCrmId(String crmId, String exceptId) {
        return jdbc.queryForList("select id from customer where crm_id = ? and id <> ?", String.class, crmId, exceptId)
                .stream().findFirst();
    }

    /** By name, filtered: {@code text} is a case-insensitive part of id, name or phone; null filters mean any. */
    public MasterDataPage<Customer> search(String text, String region, CustomerTier tier, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        MapSqlParameterSource args = new MapSqlParameterSource();
        if (text != null) {
            where.append(" and (lower(id) like :text escape '\\' or lower(name) like :text escape '\\'"
                    + " or phone like :text escape '\\')");
            args.addValue("text", MasterDataSql.contains(text));
        }
        if (region != null) {
            where.append(" and region = :region");
            args.addValue("region", region);
        }
        if (tier != null) {
            where.append(" and tier = :tier");
            args.addValue("tier", tier.name());
        }
        Long total = named.queryForObject("select count(*) from customer" + where, args, Long.class);
        args.addValue("limit", size).addValue("offset", (long) page * size);
        List<Customer> rows = named.query("select " + COLUMNS + " from customer" + where
                + " order by name, id limit :limit offset :offset", args, this::mapRow);
        return new MasterDataPage<>(withContacts(rows), page, size, total == null ? 0 : total);
    }

    private void writeContacts(Customer c) {
        for (int i = 0; i < c.contacts().size(); i++) {
            CustomerContact k = c.contacts().get(i);
            jdbc.update("insert into customer_contact (customer_id, position, name, phone, title) values (?, ?, ?, ?, ?)",
                    c.id(), i, k.name(), k.phone(), k.title());
        }
    }

    /** Reads the contacts of all rows in one query. */
    private List<Customer> withContacts(List<Customer> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<CustomerContact>> contacts = new HashMap<>();
        named.query("select customer_id, name, phone, title from customer_contact where customer_id in (:ids) "
                        + "order by customer_id, position",
                new MapSqlParameterSource("ids", rows.stream().map(Customer::id).toList()), (ResultSet rs) -> {
                    contacts.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new CustomerContact(rs.getString(2), rs.getString(3), rs.getString(4)));
                });
        return rows.stream().map(c -> new Customer(c.id(), c.name(), c.phone(), c.region(), c.tier(), c.address(),
                c.crmId(), c.erpCustomerCode(), List.copyOf(contacts.getOrDefault(c.id(), List.of())), c.source(),
                c.createdAt(), c.updatedAt(), c.version())).toList();
    }

    private Customer mapRow(ResultSet rs, int row) throws SQLException {
        String tier = rs.getString("tier");
        return new Customer(rs.getString("id"), rs.getString("name"), rs.getString("phone"), rs.getString("region"),
                tier == null ? null : CustomerTier.valueOf(tier), rs.getString("address"), rs.getString("crm_id"),
                rs.getString("erp_customer_code"), List.of(), rs.getString("source"), instant(rs, "created_at"),
                instant(rs, "updated_at"), rs.getLong("version"));
    }
}
