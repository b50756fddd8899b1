package org.aftersaleshub.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.aftersaleshub.support.Text;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/** The {@code import_job} and {@code import_row_problem} tables: what every hub instance reads an import from. */
@Component
class ImportJobStore {

    /** A refused row as the error report shows it; cells and problems are JSON arrays. */
    record StoredRow(int rowNumber, String cellsJson, String problemsJson) {
    }

    private static final String COLUMNS = "id, entity, mode, state, phase, rows_total, rows_checked, rows_done, "
            + "rows_created, rows_updated, rows_unchanged, rows_rejected, file_name, file_bytes, sha256, actor, "
            + "created_at, started_at, finished_at, error_summary, crm_push";

    private final JdbcTemplate jdbc;

    ImportJobStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String entity, ImportMode mode, int rowsTotal, String fileName, long fileBytes,
            String sha256, String actor, ImportOptions options) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("insert into import_job (id, entity, mode, state, rows_total, rows_checked, rows_done, "
                        + "rows_created, rows_updated, rows_unchanged, rows_rejected, file_name, file_bytes, sha256, "
                        + "actor, created_at, heartbeat_at, crm_push) values (?, ?, ?, 'QUEUED', ?, 0, 0, 0, 0, 0, 0, ?, "
                        + "?, ?, ?, ?, ?, ?)", id, entity, mode.name(), rowsTotal, Text.truncate(fileName, 255),
                fileBytes, sha256, Text.truncate(actor, 128), now, now, options.crmPush());
    }

    /** QUEUED → RUNNING; false when the job is no longer queued (a sweep failed it meanwhile). */
    boolean start(String id) {
        Timestamp now = Timestamp.from(Instant.now());
        return jdbc.update("update import_job set state = 'RUNNING', phase = 'CHECKING', started_at = ?, "
                + "heartbeat_at = ? where id = ? and state = 'QUEUED'", now, now, id) == 1;
    }

    void progress(String id, String phase, int checked, int done, ImportTarget.WriteCounts counts, int rejected) {
        jdbc.update("update import_job set phase = ?, rows_checked = ?, rows_done = ?, rows_created = ?, "
                        + "rows_updated = ?, rows_unchanged = ?, rows_rejected = ?, heartbeat_at = ? where id = ? "
                        + "and state = 'RUNNING'", phase, checked, done, counts.created(), counts.updated(),
                counts.unchanged(), rejected, Timestamp.from(Instant.now()), id);
    }

    void finish(String id, ImportJob.State state, int total, int checked, ImportTarget.WriteCounts counts,
            int rejected, String errorSummary) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("update import_job set state = ?, phase = null, rows_total = ?, rows_checked = ?, rows_done = ?, "
                        + "rows_created = ?, rows_updated = ?, rows_unchanged = ?, rows_rejected = ?, "
                        + "error_summary = ?, finished_at = ?, heartbeat_at = ? where id = ?", state.name(), total,
                checked, counts.created() + counts.updated() + counts.unchanged(), counts.created(), counts.updated(),
                counts.unchanged(), rejected, Text.truncate(errorSummary, 4000), now, now, id);
    }

    /** Keeps this instance's jobs alive for the other instances' stale-job sweep. */
    void heartbeat(Collection<String> ids) {
        Timestamp now = Timestamp.from(Instant.now());
        for (String id : ids) {
            jdbc.update("update import_job set heartbeat_at = ? where id = ? and state in ('QUEUED', 'RUNNING')",
                    now, id);
        }
    }

    /** Marks FAILED the unfinished jobs whose heartbeat stopped before {@code before}; returns how many. */
    int failStale(Instant before, String reason) {
        Timestamp now = Timestamp.from(Instant.now());
        return jdbc.update("update import_job set state = 'FAILED', phase = null, finished_at = ?, error_summary = ? "
                + "where state in ('QUEUED', 'RUNNING') and heartbeat_at < ?", now, reason, Timestamp.from(before));
    }

    void fail(Collection<String> ids, String reason) {
        Timestamp now = Timestamp.from(Instant.now());
        for (String id : ids) {
            jdbc.update("update import_job set state = 'FAILED', phase = null, finished_at = ?, error_summary = ? "
                    + "where id = ? and state in ('QUEUED', 'RUNNING')", now, reason, id);
        }
    }

    Optional<ImportJob> find(String id) {
        return jdbc.query("select " + COLUMNS + " from import_job where id = ?", ImportJobStore::job, id).stream()
                .findFirst();
    }

    void addRows(String jobId, List<StoredRow> rows) {
        jdbc.batchUpdate("insert into import_row_problem (job_id, row_number, cells, problems) values (?, ?, ?, ?)",
                rows, rows.size(), (ps, r) -> {
                    ps.setString(1, jobId);
                    ps.setInt(2, r.rowNumber());
                    ps.setString(3, r.cellsJson());
                    ps.setString(4, r.problemsJson());
                });
    }

    /** The stored problems of a row, or null. */
    String problemsOf(String jobId, int rowNumber) {
        return jdbc.query("select problems from import_row_problem where job_id = ? and row_number = ?",
                rs -> rs.next() ? rs.getString(1) : null, jobId, rowNumber);
    }

    void replaceProblems(String jobId, int rowNumber, String problemsJson) {
        jdbc.update("update import_row_problem set problems = ? where job_id = ? and row_number = ?", problemsJson,
                jobId, rowNumber);
    }

    /** The refused rows of a job in row order, streamed. */
    void rows(String jobId, java.util.function.Consumer<StoredRow> each) {
        jdbc.query("select row_number, cells, problems from import_row_problem where job_id = ? order by row_number",
                (RowCallbackHandler) rs -> each.accept(new StoredRow(rs.getInt(1), rs.getString(2), rs.getString(3))),
                jobId);
    }

    private static ImportJob job(ResultSet rs, int i) throws SQLException {
        return new ImportJob(rs.getString("id"), rs.getString("entity"), ImportMode.valueOf(rs.getString("mode")),
                ImportJob.State.valueOf(rs.getString("state")), rs.getString("phase"), rs.getInt("rows_total"),
                rs.getInt("rows_checked"), rs.getInt("rows_done"), rs.getInt("rows_created"),
                rs.getInt("rows_updated"), rs.getInt("rows_unchanged"), rs.getInt("rows_rejected"),
                rs.getString("file_name"), rs.getLong("file_bytes"), rs.getString("sha256"), rs.getString("actor"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "finished_at"),
                rs.getString("error_summary"), rs.getBoolean("crm_push"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
