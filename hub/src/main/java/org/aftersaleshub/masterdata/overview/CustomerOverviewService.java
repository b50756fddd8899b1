package org.aftersaleshub.masterdata.overview;

import static org.aftersaleshub.masterdata.MasterDataSql.instant;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.aftersaleshub.masterdata.customer.Customer;
import org.aftersaleshub.masterdata.customer.CustomerService;
import org.aftersaleshub.masterdata.device.DeviceService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a customer's overview in one read-only transaction: the record, its devices, its tickets (counted and paged
 * in the database, never loaded whole), the parts used on them and the satisfaction average.
 */
@Service
public class CustomerOverviewService {

    static final List<String> OPEN = List.of("NEW", "ASSIGNED", "ACCEPTED", "IN_PROGRESS", "WAITING_PARTS");
    static final List<String> PAST = List.of("RESOLVED", "CLOSED", "CANCELLED");
    /** Usages that took a part out of stock, or will: not FAILED (never booked), not REVERSED (returned). */
    static final List<String> USED = List.of("PENDING", "DEDUCTED");

    private final CustomerService customers;
    private final DeviceService devices;
    private final NamedParameterJdbcTemplate named;
    private final String crmUrlTemplate;

    CustomerOverviewService(CustomerService customers, DeviceService devices, JdbcTemplate jdbc,
                            @Value("${hub.crm.record-url-template:}") String crmUrlTemplate) {
        this.customers = customers;
        this.devices = devices;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.crmUrlTemplate = crmUrlTemplate == null ? "" : crmUrlTemplate.trim();
    }

    @Transactional(readOnly = true)
    public CustomerOverview of(String customerId, int page, int size) {
        Customer c = customers.get(customerId);
        MapSqlParameterSource args = new MapSqlParameterSource("customer", customerId).addValue("open", OPEN)
                .addValue("past", PAST).addValue("used", USED);
        Map<String, Object> sat = named.queryForMap("select avg(cast(satisfaction_score as decimal(9,4))) a, "
                + "count(satisfaction_score) n from ticket where customer_id = :customer", args);
        BigDecimal avg = sat.get("a") == null ? null
                : new BigDecimal(sat.get("a").toString()).setScale(2, RoundingMode.HALF_UP);
        long answers = ((Number) sat.get("n")).longValue();
        List<CustomerOverview.PartUsed> parts = named.query("select u.part_sku, p.name, sum(u.quantity), u.unit, "
                + "count(*) from part_usage u join ticket t on t.id = u.ticket_id "
                + "left join spare_part p on p.sku = u.part_sku where t.customer_id = :customer and u.state in (:used) "
                + "group by u.part_sku, p.name, u.unit order by u.part_sku, u.unit", args,
                (rs, i) -> new CustomerOverview.PartUsed(rs.getString(1), rs.getString(2), plain(rs.getBigDecimal(3)),
                        rs.getString(4), rs.getLong(5)));
        return new CustomerOverview(c, devices.ofCustomer(customerId), tickets(args, "open", page, size),
                tickets(args, "past", page, size), parts, avg, answers, new CustomerOverview.CrmLink(c.crmId(),
                crmUrl(c.crmId())));
    }

    private CustomerOverview.Tickets tickets(MapSqlParameterSource args, String which, int page, int size) {
        String where = " from ticket where customer_id = :customer and status in (:" + which + ")";
        Long count = named.queryForObject("select count(*)" + where, args, Long.class);
        MapSqlParameterSource paged = new MapSqlParameterSource(args.getValues()).addValue("limit", size)
                .addValue("offset", (long) page * size);
        List<CustomerOverview.TicketSummary> items = named.query("select id, number, status, fault_type, "
                + "device_serial, region, created_at, updated_at, satisfaction_score" + where
                + " order by created_at desc, id limit :limit offset :offset", paged, this::summary);
        return new CustomerOverview.Tickets(count == null ? 0 : count, page, size, items);
    }

    private CustomerOverview.TicketSummary summary(ResultSet rs, int row) throws SQLException {
        int score = rs.getInt("satisfaction_score");
        return new CustomerOverview.TicketSummary(rs.getString("id"), rs.getString("number"), rs.getString("status"),
                rs.getString("fault_type"), rs.getString("device_serial"), rs.getString("region"),
                instant(rs, "created_at"), instant(rs, "updated_at"), rs.wasNull() ? null : score);
    }

    /** The template with {crmId} filled in (URL-encoded); null without a template or a CRM id. */
    String crmUrl(String crmId) {
        if (crmId == null || crmUrlTemplate.isEmpty()) {
            return null;
        }
        return crmUrlTemplate.replace("{crmId}", URLEncoder.encode(crmId, StandardCharsets.UTF_8));
    }

    private static BigDecimal plain(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
