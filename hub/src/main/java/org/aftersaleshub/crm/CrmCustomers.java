package org.aftersaleshub.crm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The CRM's side of the {@code customer} table (V12) and what the hub last sent ({@code crm_customer_sent}, V14):
 * plain JDBC, the same SQL on H2 and PostgreSQL. Writes only the fields the CRM owns — name, phone, address,
 * contacts, {@code crm_id}, {@code crm_hash}, {@code crm_modified_at} — never tier, region or anything else the hub
 * owns. Call inside a transaction: {@link #apply} locks the customer row, so a callback and a poll applying the same
 * change at once apply it once.
 */
@Repository
public class CrmCustomers {

    /** What the hub holds of a customer, as the CRM flows need it. */
    public record Row(String id, String name, String phone, String address, String region, String tier,
                      String crmId, String crmHash, Long crmModifiedAt, long version,
                      List<CrmCustomer.CrmContact> contacts) {
    }

    /** What {@link #apply} did. */
    public enum Applied {
        /** CRM-owned fields changed: the customer has a new version (and the caller announces it). */
        CHANGED,
        /** The CRM version was new but the hub already held its values (its own write coming back): nothing shown. */
        SAME_VALUES,
        /** The hash the hub holds: an echo or a change applied before; nothing written. */
        ECHO,
        /** Another customer holds this CRM id: nothing written (two hub customers for one CRM record). */
        CONFLICT
    }

    static final String SOURCE = "CRM";
    private static final String COLUMNS = "id, name, phone, address, region, tier, crm_id, crm_hash, crm_modified_at, "
            + "version";

    private final JdbcTemplate jdbc;

    public CrmCustomers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Row> find(String id) {
        return jdbc.query("select " + COLUMNS + " from customer where id = ?", this::row, id).stream().findFirst();
    }

    /** The customer row, locked until the transaction ends. */
    Optional<Row> lock(String id) {
        return jdbc.query("select " + COLUMNS + " from customer where id = ? for update", this::row, id).stream()
                .findFirst();
    }

    /** The hub customer a CRM record belongs to: by its CRM id, else by the hub id in its external-key field. */
    public Optional<String> idOf(CrmCustomer c) {
        List<String> byCrm = jdbc.queryForList("select id from customer where crm_id = ?", String.class, c.crmId());
        if (!byCrm.isEmpty()) {
            return Optional.of(byCrm.get(0));
        }
        if (c.externalKey() == null) {
            return Optional.empty();
        }
        return jdbc.queryForList("select id from customer where id = ? and crm_id is null", String.class,
                c.externalKey()).stream().findFirst();
    }

    /** A customer the hub did not know, made from its CRM record (source CRM, version 1). */
    void create(String id, CrmCustomer c, Instant now) {
        jdbc.update("insert into customer (id, name, phone, address, crm_id, crm_modified_at, crm_hash, source, "
                + "created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)", id,
                c.name() == null ? id : c.name(), c.phone(), c.address(), c.crmId(), c.modifiedAt(), c.hash(),
                SOURCE, ts(now), ts(now));
        replaceContacts(id, c.contacts());
    }

    /**
     * Takes the CRM-owned fields of {@code c} into customer {@code id}: what the CRM has a value for replaces the
     * hub's (an empty CRM field leaves the hub's value; an empty contact list leaves the hub's contacts).
     */
    Applied apply(String id, CrmCustomer c, Instant now) {
        Row r = lock(id).orElseThrow(() -> new IllegalStateException("customer " + id + " is gone"));
        String hash = c.hash();
        if (hash.equals(r.crmHash()) && Objects.equals(c.crmId(), r.crmId())) {
            jdbc.update("update customer set crm_modified_at = ? where id = ? and (crm_modified_at is null or "
                    + "crm_modified_at < ?)", c.modifiedAt(), id, c.modifiedAt());
            return Applied.ECHO;
        }
        if (!Objects.equals(c.crmId(), r.crmId())) {
            List<String> holder = jdbc.queryForList("select id from customer where crm_id = ? and id <> ?",
                    String.class, c.crmId(), id);
            if (!holder.isEmpty()) {
                return Applied.CONFLICT;
            }
        }
        String name = c.name() != null ? c.name() : r.name();
        String phone = c.phone() != null ? c.phone() : r.phone();
        String address = c.address() != null ? c.address() : r.address();
        List<CrmCustomer.CrmContact> contacts = c.contacts().isEmpty() ? r.contacts() : c.contacts();
        boolean same = Objects.equals(name, r.name()) && Objects.equals(phone, r.phone())
                && Objects.equals(address, r.address()) && contacts.equals(r.contacts());
        if (same) {
            // also the record the hub just created coming back before the route linked it: linked, nothing shown
            jdbc.update("update customer set crm_id = ?, crm_hash = ?, crm_modified_at = ? where id = ?", c.crmId(),
                    hash, c.modifiedAt(), id);
            return Applied.SAME_VALUES;
        }
        jdbc.update("update customer set name = ?, phone = ?, address = ?, crm_id = ?, crm_hash = ?, "
                + "crm_modified_at = ?, updated_at = ?, version = version + 1 where id = ?", name, phone, address,
                c.crmId(), hash, c.modifiedAt(), ts(now), id);
        if (!contacts.equals(r.contacts())) {
            replaceContacts(id, contacts);
        }
        return Applied.CHANGED;
    }

    /**
     * After the hub wrote the customer to the CRM: links the record when the customer had no CRM id, and — when the
     * hub created the record, so the CRM holds exactly what was sent — remembers its hash, so the record's callback
     * is known as the hub's own write.
     */
    void linked(String id, String crmId, String createdHash) {
        if (crmId == null) {
            return;
        }
        // asked first, not caught: on PostgreSQL a failed statement would abort the whole transaction
        Integer held = jdbc.queryForObject("select count(*) from customer where crm_id = ? and id <> ?",
                Integer.class, crmId, id);
        if (held != null && held > 0) {
            return; // another customer holds the record: left for someone to merge (docs/crm.md)
        }
        jdbc.update("update customer set crm_id = ? where id = ? and crm_id is null", crmId, id);
        if (createdHash != null) {
            jdbc.update("update customer set crm_hash = ? where id = ? and crm_id = ?", createdHash, id, crmId);
        }
    }

    /** The hash of what the hub last sent for the customer, if it ever did. */
    Optional<String> sentHash(String id) {
        return jdbc.queryForList("select sent_hash from crm_customer_sent where customer_id = ?", String.class, id)
                .stream().findFirst();
    }

    void recordSent(String id, String instance, String hash, String crmId, Instant now) {
        int n = jdbc.update("update crm_customer_sent set instance_name = ?, sent_hash = ?, crm_id = ?, sent_at = ? "
                + "where customer_id = ?", instance, hash, crmId, ts(now), id);
        if (n == 0) {
            // one customer's events are taken one at a time (routes/crm-customer-upsert.yaml): no racing insert
            jdbc.update("insert into crm_customer_sent (customer_id, instance_name, sent_hash, crm_id, sent_at) "
                    + "values (?, ?, ?, ?, ?)", id, instance, hash, crmId, ts(now));
        }
    }

    private void replaceContacts(String id, List<CrmCustomer.CrmContact> contacts) {
        jdbc.update("delete from customer_contact where customer_id = ?", id);
        int pos = 0;
        for (CrmCustomer.CrmContact c : contacts) {
            jdbc.update("insert into customer_contact (customer_id, position, name, phone) values (?, ?, ?, ?)", id,
                    pos++, truncate(c.name(), 64), truncate(c.phone(), 32));
        }
    }

    private List<CrmCustomer.CrmContact> contacts(String id) {
        return jdbc.query("select name, phone from customer_contact where customer_id = ? order by position",
                (rs, i) -> new CrmCustomer.CrmContact(rs.getString(1), rs.getString(2)), id);
    }

    private Row row(ResultSet rs, int i) throws SQLException {
        long modified = rs.getLong(9);
        Long crmModified = rs.wasNull() ? null : modified;
        String id = rs.getString(1);
        return new Row(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), crmModified, rs.getLong(10), contacts(id));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
