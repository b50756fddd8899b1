package org.aftersaleshub.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Plain JDBC access to staff, staff_skill and staff_role; the same SQL on H2 and PostgreSQL. Public for the features
 * that keep the directory in step with another source under their own rules (the contacts sync,
 * {@code staff.sync}); the REST rules are {@link StaffService}'s.
 */
@Repository
public class StaffRepository {

    private static final String COLUMNS = "id, employee_no, name, phone, region, team, supervisor_id, "
            + "dingtalk_user_id, wecom_user_id, preferred_channel, active, source, created_at, updated_at, "
            + "deactivated_at, version";

    /** The row without its lists, which are read separately and joined in. */
    private record Row(String id, String employeeNo, String name, String phone, String region, String team,
                       String supervisorId, String dingTalkUserId, String weComUserId, PreferredChannel channel,
                       boolean active, StaffSource source, Instant createdAt, Instant updatedAt,
                       Instant deactivatedAt, long version) {

        Staff with(List<String> skills, List<StaffRole> roles) {
            return new Staff(id, employeeNo, name, phone, region, team, skills, roles, supervisorId, dingTalkUserId,
                    weComUserId, channel, active, source, createdAt, updatedAt, deactivatedAt, version);
        }
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    StaffRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    public void insert(Staff s) {
        jdbc.update("insert into staff (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.id(), s.employeeNo(), s.name(), s.phone(), s.region(), s.team(), s.supervisorId(),
                s.dingTalkUserId(), s.weComUserId(), s.preferredChannel().name(), s.active(), s.source().value(),
                odt(s.createdAt()), odt(s.updatedAt()), odt(s.deactivatedAt()), s.version());
        writeLists(s);
    }

    /** Replaces every field but id, source and createdAt; {@code expectedVersion} guards against a lost update. */
    public void update(Staff s, long expectedVersion) {
        int n = jdbc.update("update staff set employee_no = ?, name = ?, phone = ?, region = ?, team = ?, "
                        + "supervisor_id = ?, dingtalk_user_id = ?, wecom_user_id = ?, preferred_channel = ?, "
                        + "active = ?, updated_at = ?, deactivated_at = ?, version = ? where id = ? and version = ?",
                s.employeeNo(), s.name(), s.phone(), s.region(), s.team(), s.supervisorId(), s.dingTalkUserId(),
                s.weComUserId(), s.preferredChannel().name(), s.active(), odt(s.updatedAt()),
                odt(s.deactivatedAt()), s.version(), s.id(), expectedVersion);
        if (n != 1) {
            throw new OptimisticLockingFailureException("staff " + s.id() + " changed concurrently");
        }
        jdbc.update("delete from staff_skill where staff_id = ?", s.id());
        jdbc.update("delete from staff_role where staff_id = ?", s.id());
        writeLists(s);
    }

    public Optional<Staff> find(String id) {
        return one("select " + COLUMNS + " from staff where id = ?", id);
    }

    /** Reads the record and locks its row until the transaction ends. */
    public Optional<Staff> lock(String id) {
        return one("select " + COLUMNS + " from staff where id = ? for update", id);
    }

    /** The record holding an IM user id (WeCom's compared without case, as WeCom does), if any. */
    public Optional<Staff> findByImUserId(PreferredChannel channel, String userId) {
        if (channel == PreferredChannel.DINGTALK) {
            return one("select " + COLUMNS + " from staff where dingtalk_user_id = ?", userId);
        }
        if (channel == PreferredChannel.WECOM) {
            return one("select " + COLUMNS + " from staff where lower(wecom_user_id) = lower(?)", userId);
        }
        return Optional.empty();
    }

    /** The record with this employee number (工号), the import's key, if any. */
    Optional<Staff> findByEmployeeNo(String employeeNo) {
        return one("select " + COLUMNS + " from staff where employee_no = ?", employeeNo);
    }

    /** Every record, active or not (the contacts sync compares the whole directory at once). */
    public List<Staff> all() {
        List<Row> rows = jdbc.query("select " + COLUMNS + " from staff order by id", this::mapRow);
        // the lists of everyone in two reads, without an IN list of every id
        Map<String, TreeSet<String>> skills = new HashMap<>();
        Map<String, TreeSet<StaffRole>> roles = new HashMap<>();
        jdbc.query("select staff_id, skill from staff_skill", (ResultSet rs) -> {
            skills.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
        });
        jdbc.query("select staff_id, role from staff_role", (ResultSet rs) -> {
            roles.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(StaffRole.valueOf(rs.getString(2)));
        });
        return rows.stream().map(r -> r.with(list(skills.get(r.id())), list(roles.get(r.id())))).toList();
    }

    /** The supervisor of {@code id} (locked, so a concurrent change of the chain waits), or empty at the top. */
    Optional<String> lockSupervisorOf(String id) {
        return jdbc.query("select supervisor_id from staff where id = ? for update",
                (rs, i) -> rs.getString(1), id).stream().filter(s -> s != null).findFirst();
    }

    /** The id of another record holding {@code value} in a unique column, if any. */
    Optional<String> holderOf(String column, String value, String exceptId) {
        return jdbc.queryForList("select id from staff where " + column + " = ? and id <> ?", String.class, value,
                exceptId).stream().findFirst();
    }

    StaffPage search(StaffFilter f, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        MapSqlParameterSource args = new MapSqlParameterSource();
        if (f.text() != null) {
            where.append(" and (lower(s.name) like :text escape '\\' or s.phone like :text escape '\\')");
            args.addValue("text", "%" + likeEscaped(f.text().toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        if (f.region() != null) {
            where.append(" and s.region = :region");
            args.addValue("region", f.region());
        }
        if (f.team() != null) {
            where.append(" and s.team = :team");
            args.addValue("team", f.team());
        }
        if (f.skill() != null) {
            where.append(" and exists (select 1 from staff_skill k where k.staff_id = s.id and k.skill = :skill)");
            args.addValue("skill", f.skill());
        }
        if (f.role() != null) {
            where.append(" and exists (select 1 from staff_role r where r.staff_id = s.id and r.role = :role)");
            args.addValue("role", f.role().name());
        }
        if (f.active() != null) {
            where.append(" and s.active = :active");
            args.addValue("active", f.active());
        }
        if (f.channel() != null) {
            where.append(" and s.preferred_channel = :channel");
            args.addValue("channel", f.channel().name());
        }
        Long total = named.queryForObject("select count(*) from staff s" + where, args, Long.class);
        args.addValue("limit", size).addValue("offset", (long) page * size);
        List<Row> rows = named.query("select " + COLUMNS.replaceAll("(\\w+)", "s.$1") + " from staff s" + where
                + " order by s.name, s.id limit :limit offset :offset", args, this::mapRow);
        return new StaffPage(withLists(rows), page, size, total == null ? 0 : total);
    }

    private Optional<Staff> one(String sql, String id) {
        List<Row> rows = jdbc.query(sql, this::mapRow, id);
        return withLists(rows).stream().findFirst();
    }

    private void writeLists(Staff s) {
        for (String skill : s.skills()) {
            jdbc.update("insert into staff_skill (staff_id, skill) values (?, ?)", s.id(), skill);
        }
        for (StaffRole role : s.roles()) {
            jdbc.update("insert into staff_role (staff_id, role) values (?, ?)", s.id(), role.name());
        }
    }

    /** Reads the skills and roles of all rows in two queries, not two per row. */
    private List<Staff> withLists(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> ids = rows.stream().map(Row::id).toList();
        Map<String, TreeSet<String>> skills = new HashMap<>();
        Map<String, TreeSet<StaffRole>> roles = new HashMap<>();
        MapSqlParameterSource in = new MapSqlParameterSource("ids", ids);
        named.query("select staff_id, skill from staff_skill where staff_id in (:ids)", in, (ResultSet rs) -> {
            skills.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
        });
        named.query("select staff_id, role from staff_role where staff_id in (:ids)", in, (ResultSet rs) -> {
            roles.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(StaffRole.valueOf(rs.getString(2)));
        });
        List<Staff> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(r.with(list(skills.get(r.id())), list(roles.get(r.id()))));
        }
        return out;
    }

    private static <T> List<T> list(Collection<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    private Row mapRow(ResultSet rs, int row) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                PreferredChannel.valueOf(rs.getString(10)), rs.getBoolean(11), StaffSource.of(rs.getString(12)),
                instant(rs, 13), instant(rs, 14), instant(rs, 15), rs.getLong(16));
    }

    /** A LIKE pattern matching {@code text} literally: its own %, _ and \ lose their meaning. */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
