package org.aftersaleshub.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.web.ApiProblem;
import org.aftersaleshub.web.FieldViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The import's entry points: {@link #submit} queues an uploaded file as a job on this instance's bounded executor
 * ({@code hub.imports.threads}, {@code hub.imports.queue-capacity}); {@link #runNow} runs one in the caller's thread
 * and returns the finished job (the demo master data is loaded this way at start). Either way the file is inspected
 * first, so a file refused as a whole never becomes a job: the caller gets its {@link FileRefusal}.
 *
 * <p>Across instances: the job row is the truth; this instance beats the heartbeat of the jobs it holds, and any
 * instance marks FAILED the unfinished jobs whose heartbeat is older than {@code hub.imports.stale-after} — at start
 * and every minute — which is what a job left RUNNING or QUEUED by a crashed hub becomes.
 */
@Component
public class ImportJobs {

    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

    private final Map<String, ImportTarget> targets = new TreeMap<>();
    private final ImportProperties props;
    private final ImportJobStore store;
    private final ImportEngine engine;
    private final AuditLog audit;
    private final ThreadPoolExecutor executor;
    /** Ids of the jobs this instance has queued or runs: the ones whose heartbeat it beats. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    ImportJobs(List<ImportTarget> targets, ImportProperties props, ImportJobStore store, ObjectMapper json,
            PlatformTransactionManager transactions, AuditLog audit) {
        for (ImportTarget t : targets) {
            if (this.targets.put(t.entity(), t) != null) {
                throw new IllegalStateException("Two import targets for entity '" + t.entity() + "'");
            }
        }
        this.props = props;
        this.store = store;
        this.engine = new ImportEngine(props, store, json, transactions);
        this.audit = audit;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(props.threads(), props.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(props.queueCapacity()), r -> {
                    Thread t = new Thread(r, "import-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** The entities that can be imported ({@code customers}, {@code devices} …), sorted. */
    public Set<String> entities() {
        return targets.keySet();
    }

    /** The target of an entity, or a 404 problem listing the known ones. */
    public ImportTarget target(String entity) {
        ImportTarget t = targets.get(entity);
        if (t == null) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "import-entity-not-found",
                    "Unknown import entity (未知的导入类型)", "There is no import for '" + entity + "'; known: "
                            + String.join(", ", targets.keySet()) + ".")
                    .with("knownEntities", List.copyOf(targets.keySet()))
                    .with("errors", List.of(new FieldViolation("entity", "enum:" + targets.keySet(),
                            "must be one of " + String.join(", ", targets.keySet()) + " (导入类型)")));
        }
        return t;
    }

    public Optional<ImportJob> find(String jobId) {
        return store.find(jobId);
    }

    /**
     * Loads a file now, in the caller's thread, and returns the finished job (state SUCCEEDED, PARTIAL or FAILED).
     *
     * @throws FileRefusal when the file is refused as a whole (nothing written, no job)
     */
    public ImportJob runNow(String entity, InputStream content, String fileName, ImportMode mode, String actor)
            throws IOException {
        Upload upload = Upload.copy(content, props.maxFileSize().toBytes(), fileName);
        try {
            String id = prepare(entity, upload, mode, ImportOptions.DEFAULTS, actor, null).id;
            held.add(id);
            try {
                run(id, entity, upload, mode, ImportOptions.DEFAULTS, actor, inspected.remove(id));
            } finally {
                held.remove(id);
            }
            return store.find(id).orElseThrow();
        } finally {
            upload.delete();
        }
    }

    /** Same as {@link #runNow(String, InputStream, String, ImportMode, String)} for a file on disk. */
    public ImportJob runNow(String entity, Path file, ImportMode mode, String actor) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return runNow(entity, in, file.getFileName().toString(), mode, actor);
        }
    }

    /**
     * Inspects an uploaded file and queues it; the job runs on this instance and owns (deletes) the file. Throws the
     * file's {@link FileRefusal}, or a 503 problem when the queue is full.
     */
    ImportJob submit(String entity, Upload upload, ImportMode mode, ImportOptions options, String actor,
            Charset charset) throws IOException {
        Prepared p;
        try {
            p = prepare(entity, upload, mode, options, actor, charset);
        } catch (RuntimeException | IOException e) {
            upload.delete();
            throw e;
        }
        held.add(p.id);
        try {
            executor.execute(() -> {
                try {
                    run(p.id, entity, upload, mode, options, actor, inspected.remove(p.id));
                } finally {
                    held.remove(p.id);
                    upload.delete();
                }
            });
        } catch (RejectedExecutionException full) {
            held.remove(p.id);
            inspected.remove(p.id);
            upload.delete();
            store.fail(List.of(p.id), "refused: " + props.queueCapacity() + " imports already wait on this instance");
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "import-queue-full",
                    "Too many imports waiting (导入任务排队已满)", "This hub instance already has "
                    + props.queueCapacity() + " imports waiting (hub.imports.queue-capacity); send the file again "
                    + "in a minute.");
        }
        return store.find(p.id).orElseThrow();
    }

    private record Prepared(String id) {
    }

    /** The inspected file of a job between {@link #prepare} and its run (same instance, same JVM). */
    private final Map<String, SpreadsheetFile> inspected = new ConcurrentHashMap<>();

    private Prepared prepare(String entity, Upload upload, ImportMode mode, ImportOptions options, String actor,
            Charset charset) throws IOException {
        ImportTarget target = target(entity);
        SpreadsheetFile file = new FileInspector(props).inspect(upload.path(), upload.fileName(), charset);
        engine.checkHeader(target, file);
        String id = UUID.randomUUID().toString();
        store.insert(id, entity, mode, file.dataRows(), upload.fileName(), upload.bytes(), upload.sha256(), actor,
                options);
        inspected.put(id, file);
        return new Prepared(id);
    }

    private void run(String id, String entity, Upload upload, ImportMode mode, ImportOptions options, String actor,
            SpreadsheetFile file) {
        if (!store.start(id)) {
            return;
        }
        ImportEngine.Outcome outcome;
        try {
            outcome = engine.run(id, targets.get(entity), file, mode, options);
        } catch (FileRefusal refusal) {
            outcome = new ImportEngine.Outcome(ImportJob.State.FAILED, 0, 0, new ImportTarget.WriteCounts(0, 0, 0),
                    refusal.summary());
        } catch (RuntimeException | IOException e) {
            log.error("Import job {} of {} failed", id, entity, e);
            outcome = new ImportEngine.Outcome(ImportJob.State.FAILED, 0, 0, new ImportTarget.WriteCounts(0, 0, 0),
                    "failed while running (导入出错): " + e.getClass().getSimpleName()
                            + (mode == ImportMode.ALL_OR_NOTHING ? "; nothing written" : "; batches before it stay"));
        }
        ImportJob before = store.find(id).orElseThrow();
        int total = outcome.total() > 0 ? outcome.total() : before.rowsTotal();
        ImportTarget.WriteCounts c = outcome.counts();
        store.finish(id, outcome.state(), total, outcome.total() > 0 ? outcome.total() : before.rowsChecked(), c,
                outcome.rejected(), outcome.summary());
        audit.record(actor, "import", "import-job:" + id, entity + " " + mode + options.describe() + " "
                + outcome.state() + ": rows="
                + total + " created=" + c.created() + " updated=" + c.updated() + " unchanged=" + c.unchanged()
                + " rejected=" + outcome.rejected() + " file=" + upload.fileName() + " sha256=" + upload.sha256());
        log.info("Import job {} of {} ({}{}) {}: rows={} created={} updated={} unchanged={} rejected={}", id, entity,
                mode, options.describe(), outcome.state(), total, c.created(), c.updated(), c.unchanged(),
                outcome.rejected());
    }

    @Scheduled(fixedDelay = 5, timeUnit = TimeUnit.SECONDS)
    void heartbeat() {
        if (!held.isEmpty()) {
            store.heartbeat(List.copyOf(held));
        }
    }

    /** A job whose instance stopped beating its heartbeat will never finish: say so on the job. */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelay = 60, initialDelay = 60, timeUnit = TimeUnit.SECONDS)
    void failStale() {
        int n = store.failStale(Instant.now().minus(props.staleAfter()),
                "the hub instance running this import stopped (导入期间服务停止); import the file again");
        if (n > 0) {
            log.warn("Marked {} import job(s) FAILED: their hub instance stopped while they ran", n);
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        store.fail(List.copyOf(held), "the hub stopped while this import ran (导入期间服务停止); import the file again");
    }

    /**
     * An uploaded file in a temporary file, with its size and SHA-256. The bytes are counted while they are copied,
     * so a body larger than the limit stops the copy instead of filling the disk.
     */
    record Upload(Path path, String fileName, long bytes, String sha256) {

        /** Thrown by {@link #copy} when the content is larger than the limit. */
        static final class TooLarge extends IOException {
            TooLarge() {
                super("larger than the limit", null);
            }
        }

        static Upload copy(InputStream in, long maxBytes, String fileName) throws IOException {
            Path tmp = Files.createTempFile("hub-import-", ".upload");
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                long n = 0;
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
                    byte[] buf = new byte[64 * 1024];
                    int r;
                    while ((r = in.read(buf)) != -1) {
                        n += r;
                        if (n > maxBytes) {
                            throw new TooLarge();
                        }
                        out.write(buf, 0, r);
                    }
                }
                return new Upload(tmp, fileName, n, HexFormat.of().formatHex(sha.digest()));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            } catch (NoSuchAlgorithmException e) {
                Files.deleteIfExists(tmp);
                throw new IllegalStateException(e);
            }
        }

        void delete() {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
