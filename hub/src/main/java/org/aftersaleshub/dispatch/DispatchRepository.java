package org.aftersaleshub.dispatch;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The SQL of dispatch: the ticket's facts, the candidates and their load, the round robin row, the decision. */
@Repository
class DispatchRepository {

    /** What the rules match on: the ticket's own fields, its customer's tier and its device's master data. */
    record TicketFacts(String id, String status, String assigneeId, String region, String faultType, String priority,
                       String customerTier, String productLine, LocalDate warrantyEnd) {
    }

    /** Statuses a ticket counts as open load of its assignee in. */
    private static final String OPEN = "('ASSIGNED', 'ACCEPTED', 'IN_PROGRESS', 'WAITING_PARTS')";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate ownTransaction;

    DispatchRepository(JdbcTemplate jdbc, PlatformTransactionManager tx) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.ownTransaction = new TransactionTemplate(tx);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Locks the ticket row (the one lock every change of the ticket takes) and reads what the rules match on. */
    Optional<TicketFacts> lockTicket(String ticketId) {
        List<String[]> row = jdbc.query("select status, assignee_id, region, fault_type, priority, customer_id, "
                        + "device_serial from ticket where id = ? for update",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)}, ticketId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String[] t = row.get(0);
        String tier = jdbc.query("select tier from customer where id = ?", rs -> rs.next() ? rs.getString(1) : null,
                t[5]);
        Device device = t[6] == null ? null : jdbc.query("select product_line, warranty_end from device where "
                + "serial = ?", rs -> rs.next() ? new Device(rs.getString(1), rs.getObject(2, LocalDate.class))
                : null, t[6]);
        return Optional.of(new TicketFacts(ticketId, t[0], t[1], t[2], t[3], t[4], tier,
                device == null ? null : device.productLine(), device == null ? null : device.warrantyEnd()));
    }

    boolean decided(String ticketId) {
        Integer n = jdbc.queryForObject("select count(*) from dispatch_decision where ticket_id = ?", Integer.class,
                ticketId);
        return n != null && n > 0;
    }

    /** Active engineers of the team (when given), of the region (when given) holding every skill, by id. */
    List<String> candidates(String team, List<String> skills, String region) {
        StringBuilder sql = new StringBuilder("select s.id from staff s where s.active = true and exists (select 1 "
                + "from staff_role r where r.staff_id = s.id and r.role = 'ENGINEER')");
        MapSqlParameterSource args = new MapSqlParameterSource();
        if (team != null) {
            sql.append(" and s.team = :team");
            args.addValue("team", team);
        }
        if (region != null) {
            sql.append(" and s.region = :region");
            args.addValue("region", region);
        }
        for (int i = 0; i < skills.size(); i++) {
            sql.append(" and exists (select 1 from staff_skill k where k.staff_id = s.id and k.skill = :skill")
                    .append(i).append(')');
            args.addValue("skill" + i, skills.get(i));
        }
        return named.queryForList(sql.append(" order by s.id").toString(), args, String.class);
    }

    /** Open tickets assigned to each of {@code staffIds} (absent: none). */
    Map<String, Integer> openLoad(List<String> staffIds) {
        Map<String, Integer> load = new HashMap<>();
        named.query("select assignee_id, count(*) from ticket where assignee_id in (:ids) and status in " + OPEN
                + " group by assignee_id", new MapSqlParameterSource("ids", staffIds),
                (java.sql.ResultSet rs) -> {
                    load.put(rs.getString(1), rs.getInt(2));
                });
        return load;
    }

    /**
     * Locks the round robin position {@code key} for the rest of the caller's transaction and returns the engineer
     * it picked last (null: none yet). The row is created first, in its own transaction, so two instances creating
     * it at once cannot abort the assigning transaction (PostgreSQL aborts a transaction on a failed insert).
     */
    String lockRoundRobin(String key) {
        List<String> last = jdbc.query("select last_staff_id from dispatch_round_robin where position_key = ? "
                + "for update", (rs, i) -> rs.getString(1), key);
        if (!last.isEmpty()) {
            return last.get(0);
        }
        ownTransaction.executeWithoutResult(s -> {
            try {
                jdbc.update("insert into dispatch_round_robin (position_key, last_staff_id, turns, updated_at) "
                        + "values (?, null, 0, ?)", key, Timestamp.from(Instant.now()));
            } catch (DuplicateKeyException raced) {
                s.setRollbackOnly(); // the other instance created it: that row is the one to lock
            }
        });
        return jdbc.query("select last_staff_id from dispatch_round_robin where position_key = ? for update",
                (rs, i) -> rs.getString(1), key).get(0);
    }

    void advanceRoundRobin(String key, String staffId) {
        jdbc.update("update dispatch_round_robin set last_staff_id = ?, turns = turns + 1, updated_at = ? "
                + "where position_key = ?", staffId, Timestamp.from(Instant.now()), key);
    }

    /** The round robin position: the last engineer picked and how many picks so far. */
    Optional<Map.Entry<String, Long>> roundRobin(String key) {
        return jdbc.query("select last_staff_id, turns from dispatch_round_robin where position_key = ?",
                (rs, i) -> Map.entry(rs.getString(1) == null ? "" : rs.getString(1), rs.getLong(2)), key).stream()
                .findFirst();
    }

    void recordDecision(String ticketId, String outcome, String rule, String staffId, String queue) {
        jdbc.update("insert into dispatch_decision (ticket_id, outcome, rule_name, staff_id, queue, decided_at) "
                + "values (?, ?, ?, ?, ?, ?)", ticketId, outcome, rule, staffId, queue, Timestamp.from(Instant.now()));
    }

    Optional<DispatchController.DispatchView> decisionView(String ticketId) {
        return jdbc.query("select outcome, rule_name, staff_id, queue, decided_at from dispatch_decision where "
                        + "ticket_id = ?", (rs, i) -> new DispatchController.DispatchView(ticketId, rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, java.time.OffsetDateTime.class).toInstant()), ticketId).stream().findFirst();
    }

    private record Device(String productLine, LocalDate warrantyEnd) {
    }
}
