package org.aftersaleshub.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.aftersaleshub.imports.ImportTarget.WriteCounts;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one import in two streaming passes over the file, so that memory holds only the natural keys seen so far.
 *
 * <p>Pass 1 (CHECKING) converts and checks every row: cell types and lengths, a natural key already used by an earlier
 * row (both rows are refused and named), and the target's own rules. Refused rows are stored for the error report.
 * Pass 2 (WRITING) reads the file again and writes the rows pass 1 accepted through {@link ImportTarget#write}: in
 * ALL_OR_NOTHING mode only when no row was refused, every batch inside one transaction, so a failure or a dead hub
 * leaves the tables as they were; in VALID_ROWS mode a transaction per batch. Progress goes to the job row in a
 * transaction of its own, so other instances see it while the write transaction is still open.
 */
final class ImportEngine {

    /** How a job ended. */
    record Outcome(ImportJob.State state, int total, int rejected, WriteCounts counts, String summary) {
    }

    private static final int STORE_BATCH = 200;
    private static final long PROGRESS_EVERY_NANOS = 500_000_000L;

    private final ImportProperties props;
    private final ImportJobStore store;
    private final ObjectMapper json;
    private final TransactionTemplate writeTx;
    private final TransactionTemplate progressTx;

    ImportEngine(ImportProperties props, ImportJobStore store, ObjectMapper json, PlatformTransactionManager tm) {
        this.props = props;
        this.store = store;
        this.json = json;
        this.writeTx = new TransactionTemplate(tm);
        this.progressTx = new TransactionTemplate(tm);
        progressTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The header row alone, checked before a job is queued: a wrong header refuses the upload at once. */
    void checkHeader(ImportTarget target, SpreadsheetFile file) throws IOException {
        try (RowSource rows = RowSource.open(file, props)) {
            HeaderMap.of(rows.header(), target.columns());
        }
    }

    Outcome run(String jobId, ImportTarget target, SpreadsheetFile file, ImportMode mode, ImportOptions options)
            throws IOException {
        Run run = new Run(jobId, target, file, options);
        run.check();
        int rejected = run.rejected.cardinality();
        boolean write = mode == ImportMode.VALID_ROWS ? rejected < run.total : rejected == 0;
        if (write && mode == ImportMode.ALL_OR_NOTHING) {
            writeTx.executeWithoutResult(s -> run.writeAll(true));
        } else if (write || !run.late.isEmpty()) {
            run.writeAll(write);
        }
        WriteCounts c = run.counts;
        if (mode == ImportMode.ALL_OR_NOTHING && rejected > 0) {
            return new Outcome(ImportJob.State.FAILED, run.total, rejected, c, rejected + " of " + run.total
                    + " rows refused, nothing written (全部成功才导入：有 " + rejected + " 行错误，未写入任何数据); see errors.xlsx");
        }
        if (rejected == 0) {
            return new Outcome(ImportJob.State.SUCCEEDED, run.total, 0, c, null);
        }
        boolean any = c.created() + c.updated() + c.unchanged() > 0;
        return new Outcome(any ? ImportJob.State.PARTIAL : ImportJob.State.FAILED, run.total, rejected, c,
                rejected + " of " + run.total + " rows refused (" + rejected + " 行错误)" + (any ? ", the valid rows "
                        + "written" : ", no valid row") + "; see errors.xlsx");
    }

    /** Excel's column letter of a 0-based index: 0 → A, 26 → AA. */
    static String columnLetter(int index) {
        StringBuilder s = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            s.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return s.toString();
    }

    /** One job's state between the passes. */
    private final class Run {
        final String jobId;
        final ImportTarget target;
        final ImportOptions options;
        final SpreadsheetFile file;
        /** Natural key → row number of its first row; negative while that row is refused (not an earlier row). */
        final Map<String, Integer> keys = new HashMap<>();
        final BitSet rejected = new BitSet();
        /** Problems found for a row after pass 1 had passed it (the first row of a duplicate key), by row. */
        final Map<Integer, List<RowProblem>> late = new LinkedHashMap<>();
        final List<ImportJobStore.StoredRow> pending = new ArrayList<>();
        int stored;
        int total;
        int done;
        WriteCounts counts = new WriteCounts(0, 0, 0);
        long lastProgress = System.nanoTime();

        Run(String jobId, ImportTarget target, SpreadsheetFile file, ImportOptions options) {
            this.options = options;
            this.jobId = jobId;
            this.target = target;
            this.file = file;
        }

        void check() throws IOException {
            String entity = target.entity();
            ImportTarget.EarlierRows earlier = (e, key) -> e.equals(entity) && keys.getOrDefault(key, -1) > 0;
            try (RowSource rows = RowSource.open(file, props)) {
                HeaderMap headers = HeaderMap.of(rows.header(), target.columns());
                RowConverter converter = new RowConverter(headers, file.kind() == SpreadsheetFile.Kind.CSV);
                RawRow raw;
                while ((raw = rows.next()) != null) {
                    if (++total > props.maxRows()) {
                        throw XlsxGuard.tooManyRows(props.maxRows());
                    }
                    RowConverter.Converted c = converter.convert(raw);
                    List<RowProblem> problems = c.problems();
                    if (problems.isEmpty()) {
                        String key = key(c.row());
                        Integer first = keys.putIfAbsent(key, raw.number());
                        if (first != null) {
                            problems = List.of(duplicate(Math.abs(first)));
                            if (first > 0) {
                                keys.put(key, -first);
                            }
                            late.computeIfAbsent(Math.abs(first), r -> new ArrayList<>()).add(duplicate(raw.number()));
                            rejected.set(Math.abs(first));
                        } else {
                            problems = target.check(c.row(), earlier);
                            if (!problems.isEmpty()) {
                                keys.put(key, -raw.number());
                            }
                        }
                    }
                    if (!problems.isEmpty()) {
                        rejected.set(raw.number());
                        keep(raw.number(), headers.texts(raw), problems);
                    }
                    progress("CHECKING", false);
                }
                flush();
            }
            progress("CHECKING", true);
        }

        /** Pass 2: writes the accepted rows (when {@code write}) and stores the late problems of refused rows. */
        void writeAll(boolean write) {
            try (RowSource rows = RowSource.open(file, props)) {
                HeaderMap headers = HeaderMap.of(rows.header(), target.columns());
                RowConverter converter = new RowConverter(headers, file.kind() == SpreadsheetFile.Kind.CSV);
                List<ImportRow> batch = new ArrayList<>(props.batchSize());
                RawRow raw;
                while ((raw = rows.next()) != null) {
                    List<RowProblem> lateProblems = late.get(raw.number());
                    if (lateProblems != null) {
                        keepLate(raw.number(), headers.texts(raw), lateProblems);
                    }
                    if (!write || rejected.get(raw.number())) {
                        continue;
                    }
                    batch.add(converter.convert(raw).row());
                    if (batch.size() >= props.batchSize()) {
                        writeBatch(batch);
                    }
                }
                if (!batch.isEmpty()) {
                    writeBatch(batch);
                }
                flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            progress("WRITING", true);
        }

        private void writeBatch(List<ImportRow> batch) {
            // joins the one ALL_OR_NOTHING transaction when there is one, else a transaction of its own
            WriteCounts c = writeTx.execute(s -> target.write(List.copyOf(batch), options));
            counts = counts.plus(c);
            done += batch.size();
            batch.clear();
            progress("WRITING", true);
        }

        private String key(ImportRow row) {
            return target.keyColumns().stream().map(k -> {
                String v = row.text(k);
                return v == null ? "" : v;
            }).collect(Collectors.joining("|"));
        }

        private RowProblem duplicate(int otherRow) {
            String cols = target.keyColumns().stream().map(this::zh).collect(Collectors.joining("、"));
            return new RowProblem(target.keyColumns().get(0), "duplicate-key",
                    cols + " 与第 " + otherRow + " 行重复；同一文件中每个" + cols + "只能出现一次。",
                    "the same " + String.join(" + ", target.keyColumns()) + " as row " + otherRow
                            + "; a key may appear only once in a file.");
        }

        private String zh(String column) {
            return target.columns().stream().filter(c -> c.name().equals(column)).map(ImportColumn::zh).findFirst()
                    .orElse(column);
        }

        private void keep(int row, List<String> cells, List<RowProblem> problems) {
            if (stored >= props.maxReportedRows()) {
                return;
            }
            stored++;
            pending.add(new ImportJobStore.StoredRow(row, cellsJson(cells), problemsJson(problems)));
            if (pending.size() >= STORE_BATCH) {
                flush();
            }
        }

        private void keepLate(int row, List<String> cells, List<RowProblem> problems) {
            flush();
            String existing = store.problemsOf(jobId, row);
            if (existing == null) {
                keep(row, cells, problems);
                return;
            }
            try {
                List<Object> merged = new ArrayList<>(json.readValue(existing, List.class));
                merged.addAll(json.readValue(problemsJson(problems), List.class));
                store.replaceProblems(jobId, row, json.writeValueAsString(merged));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored problems of row " + row + " are not JSON", e);
            }
        }

        private void flush() {
            if (!pending.isEmpty()) {
                List<ImportJobStore.StoredRow> rows = List.copyOf(pending);
                progressTx.executeWithoutResult(s -> store.addRows(jobId, rows));
                pending.clear();
            }
        }

        private String cellsJson(List<String> cells) {
            try {
                return json.writeValueAsString(cells.stream().map(c -> c.length() > 1000 ? c.substring(0, 1000) + "…"
                        : c).toList());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private String problemsJson(List<RowProblem> problems) {
            List<Map<String, String>> out = new ArrayList<>();
            for (RowProblem p : problems) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("column", p.column());
                m.put("columnZh", p.column() == null ? null : zh(p.column()));
                m.put("rule", p.rule());
                m.put("hintZh", p.hintZh());
                m.put("hintEn", p.hintEn());
                out.add(m);
            }
            try {
                return json.writeValueAsString(out);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private void progress(String phase, boolean now) {
            long t = System.nanoTime();
            if (now || t - lastProgress > PROGRESS_EVERY_NANOS) {
                lastProgress = t;
                int rej = rejected.cardinality();
                progressTx.executeWithoutResult(s -> store.progress(jobId, phase, total, done, counts, rej));
            }
        }
    }
}
