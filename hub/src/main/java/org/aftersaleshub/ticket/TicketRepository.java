package org.aftersaleshub.ticket;

import org.aftersaleshub.support.Text;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.aftersaleshub.model.AttachmentRef;
import org.aftersaleshub.model.Channel;
import org.aftersaleshub.model.DeviceRef;
import org.aftersaleshub.model.PartUsageState;
import org.aftersaleshub.model.Priority;
import org.aftersaleshub.model.ReporterRef;
import org.aftersaleshub.model.Quantity;
import org.aftersaleshub.model.Ticket;
import org.aftersaleshub.model.TicketStatus;
import org.aftersaleshub.support.Database;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Plain JDBC access to ticket, part_usage and status_history; the same SQL on H2 and PostgreSQL. */
@Repository
class TicketRepository {

    private static final String TICKET_COLUMNS = "id, number, channel, customer_id, device_serial, device_model, "
            + "fault_type, description, priority, region, status, assignee_id, response_due_at, resolution_due_at, "
            + "created_at, updated_at, satisfaction_score, attachments, version, reporter_name, reporter_phone";
    private static final String USAGE_COLUMNS = "id, ticket_id, part_sku, quantity, unit, warehouse, serial_numbers, "
            + "state, erp_document_number, failure_reason, recorded_at, returned_at, return_reason";
    private static final TypeReference<List<AttachmentRef>> ATTACHMENTS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final String nextNumberSql;
    private final RowMapper<Ticket> ticketMapper = this::mapTicket;

    TicketRepository(JdbcTemplate jdbc, ObjectMapper mapper, Database database) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.nextNumberSql = database.isPostgres() ? "select nextval('ticket_number_seq')"
                : "select next value for ticket_number_seq";
    }

    long nextNumber() {
        Long n = jdbc.queryForObject(nextNumberSql, Long.class);
        return n == null ? 0 : n;
    }

    void insert(Ticket t) {
        DeviceRef d = t.device();
        jdbc.update("insert into ticket (" + TICKET_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?)",
                t.id(), t.number(), t.channel().name(), t.customerId(), d == null ? null : d.serial(),
                d == null ? null : d.model(), t.faultType(), t.description(), t.priority().name(), t.region(),
                t.status().name(), t.assigneeId(), odt(t.responseDueAt()), odt(t.resolutionDueAt()),
                odt(t.createdAt()), odt(t.updatedAt()), t.satisfactionScore(), attachmentsJson(t.attachments()),
                t.version(), t.reporter() == null ? null : t.reporter().name(),
                t.reporter() == null ? null : t.reporter().phone());
    }

    Optional<Ticket> find(String id) {
        return jdbc.query("select " + TICKET_COLUMNS + " from ticket where id = ?", ticketMapper, id).stream()
                .findFirst();
    }

    /** Reads the ticket and locks its row until the transaction ends: changes of one ticket run one at a time. */
    Optional<Ticket> lock(String id) {
        return jdbc.query("select " + TICKET_COLUMNS + " from ticket where id = ? for update", ticketMapper, id)
                .stream().findFirst();
    }

    /**
     * Writes status, assignee, priority, the SLA deadlines and the new version; {@code expectedVersion} guards against
     * a lost update.
     */
    void update(Ticket t, long expectedVersion) {
        int n = jdbc.update("update ticket set status = ?, assignee_id = ?, priority = ?, response_due_at = ?, "
                        + "resolution_due_at = ?, updated_at = ?, version = ? where id = ? and version = ?",
                t.status().name(), t.assigneeId(), t.priority().name(), odt(t.responseDueAt()),
                odt(t.resolutionDueAt()), odt(t.updatedAt()), t.version(), t.id(), expectedVersion);
        if (n != 1) {
            throw new OptimisticLockingFailureException("ticket " + t.id() + " changed concurrently");
        }
    }

    void updateSatisfaction(String id, int score) {
        jdbc.update("update ticket set satisfaction_score = ? where id = ?", score, id);
    }

    TicketPage list(TicketFilter f, int page, int size, Instant now) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (f.status() != null) {
            where.append(" and status = ?");
            args.add(f.status().name());
        }
        if (f.region() != null) {
            where.append(" and region = ?");
            args.add(f.region());
        }
        if (f.assigneeId() != null) {
            where.append(" and assignee_id = ?");
            args.add(f.assigneeId());
        }
        if (f.customerId() != null) {
            where.append(" and customer_id = ?");
            args.add(f.customerId());
        }
        if (f.createdFrom() != null) {
            where.append(" and created_at >= ?");
            args.add(odt(f.createdFrom()));
        }
        if (f.createdTo() != null) {
            where.append(" and created_at < ?");
            args.add(odt(f.createdTo()));
        }
        where.append(f.quality().sql("ticket.id", now, args));
        Long total = jdbc.queryForObject("select count(*) from ticket" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<Ticket> items = jdbc.query("select " + TICKET_COLUMNS + " from ticket" + where
                + " order by created_at desc, id desc limit ? offset ?", ticketMapper, pageArgs.toArray());
        return new TicketPage(items, page, size, total == null ? 0 : total);
    }

    void insertHistory(String ticketId, TicketStatus from, TicketStatus to, String assigneeId, String actor,
            String reason, String eventId, Instant at) {
        jdbc.update("insert into status_history (ticket_id, from_status, to_status, assignee_id, actor, reason, "
                        + "event_id, changed_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
                ticketId, from == null ? null : from.name(), to.name(), assigneeId, Text.truncate(actor, 64), reason,
                eventId, odt(at));
    }

    List<StatusChange> history(String ticketId) {
        return jdbc.query("select id, ticket_id, from_status, to_status, assignee_id, actor, reason, event_id, "
                        + "changed_at from status_history where ticket_id = ? order by id",
                (rs, i) -> new StatusChange(rs.getLong(1), rs.getString(2), status(rs.getString(3)),
                        status(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        instant(rs, 9)),
                ticketId);
    }

    void insertUsage(PartUsageView u) {
        jdbc.update("insert into part_usage (id, ticket_id, part_sku, quantity, unit, warehouse, serial_numbers, "
                        + "state, recorded_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                u.id(), u.ticketId(), u.partSku(), u.quantity().value(), u.quantity().unit(), u.warehouse(),
                u.serialNumbers().isEmpty() ? null : String.join("\n", u.serialNumbers()), u.state().name(),
                odt(u.recordedAt()), odt(u.recordedAt()));
    }

    Optional<PartUsageView> findUsage(String usageId) {
        return jdbc.query("select " + USAGE_COLUMNS + " from part_usage where id = ?", this::mapUsage, usageId)
                .stream().findFirst();
    }

    List<PartUsageView> usages(String ticketId) {
        return jdbc.query("select " + USAGE_COLUMNS + " from part_usage where ticket_id = ? order by recorded_at, id",
                this::mapUsage, ticketId);
    }

    void updateUsageState(String usageId, PartUsageState state, String documentNumber, String failureReason,
                          Instant at) {
        jdbc.update("update part_usage set state = ?, erp_document_number = coalesce(?, erp_document_number),"
                + " failure_reason = ?, updated_at = ? where id = ?", state.name(), documentNumber, failureReason,
                odt(at), usageId);
    }

    void markReturned(String usageId, String reason, Instant at) {
        jdbc.update("update part_usage set returned_at = ?, return_reason = ?, updated_at = ? where id = ?",
                odt(at), reason, odt(at), usageId);
    }

    private Ticket mapTicket(ResultSet rs, int row) throws SQLException {
        String serial = rs.getString(5);
        String model = rs.getString(6);
        int score = rs.getInt(17);
        Integer satisfaction = rs.wasNull() ? null : score;
        return new Ticket(rs.getString(1), rs.getString(2), Channel.valueOf(rs.getString(3)), rs.getString(4),
                serial == null && model == null ? null : new DeviceRef(serial, model), rs.getString(7),
                rs.getString(8), Priority.valueOf(rs.getString(9)), rs.getString(10),
                TicketStatus.valueOf(rs.getString(11)), rs.getString(12), instant(rs, 13), instant(rs, 14),
                instant(rs, 15), instant(rs, 16), satisfaction, attachments(rs.getString(18)), rs.getLong(19),
                rs.getString(20) == null && rs.getString(21) == null ? null
                        : new ReporterRef(rs.getString(20), rs.getString(21)));
    }

    private PartUsageView mapUsage(ResultSet rs, int row) throws SQLException {
        String serials = rs.getString(7);
        return new PartUsageView(rs.getString(1), rs.getString(2), rs.getString(3),
                new Quantity(plain(rs.getBigDecimal(4)), rs.getString(5)), rs.getString(6),
                serials == null ? List.of() : Arrays.asList(serials.split("\n")),
                PartUsageState.valueOf(rs.getString(8)), rs.getString(9), rs.getString(10), instant(rs, 11),
                instant(rs, 12), rs.getString(13));
    }

    private String attachmentsJson(List<AttachmentRef> attachments) {
        if (attachments == null || attachments.isEmpty()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(attachments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("attachments cannot be serialised", e);
        }
    }

    private List<AttachmentRef> attachments(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            return mapper.readValue(json, ATTACHMENTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored attachments are not valid JSON", e);
        }
    }

    /** 2.500000 → 2.5 and 100.000000 → 100 (not 1E+2). */
    private static java.math.BigDecimal plain(java.math.BigDecimal v) {
        java.math.BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static TicketStatus status(String s) {
        return s == null ? null : TicketStatus.valueOf(s);
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

}
