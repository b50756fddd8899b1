package org.aftersaleshub.masterdata;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.aftersaleshub.audit.AuditLog;
import org.aftersaleshub.web.ApiProblem;

/**
 * What the four master-data services (customers, devices, spare parts, warehouses) do alike: create (201 by the
 * controller), get or 404, the full replace with the body's version, deactivate, and the import's upsert by natural
 * key — each checked in the same order as for staff, each change audited as {@code <entity>.<action>} on
 * {@code <entity>:<key>}. A subclass names its entity in a {@link Kind}, supplies the rules and how a request becomes a
 * record, and adds what only it does (a customer's CRM event, a device's warranty, a unique ERP code).
 *
 * @param <T> the record (Warehouse)
 * @param <R> the request body that creates or replaces one (WarehouseRequest)
 */
public abstract class MasterDataService<T, R> {

    /**
     * The entity a service keeps.
     *
     * @param entity         in problems and audit entries: {@code warehouse}
     * @param zh             its Chinese name in problems: 仓库
     * @param keyName        the natural key's field: {@code code}
     * @param key            a record's key
     * @param version        a record's version
     * @param requestKey     the key a request names (null: none)
     * @param requestVersion the version a request names (null: none)
     * @param withKey        the request with another key (a PUT's path key)
     */
    public record Kind<T, R>(String entity, String zh, String keyName, Function<T, String> key,
                             ToLongFunction<T> version, Function<R, String> requestKey,
                             Function<R, Long> requestVersion, BiFunction<R, String, R> withKey) {
    }

    /** Where the records are: the repository's methods of the same names. */
    public interface Store<T> {
        Optional<T> find(String key);

        /** The record, locked for update in the caller's transaction. */
        Optional<T> lock(String key);

        void insert(T record);

        /** Writes {@code record} over the one at {@code expectedVersion}. */
        void update(T record, long expectedVersion);
    }

    protected final Kind<T, R> kind;
    protected final Store<T> store;
    protected final AuditLog audit;

    protected MasterDataService(Kind<T, R> kind, Store<T> store, AuditLog audit) {
        this.kind = kind;
        this.store = store;
        this.audit = audit;
    }

    /** The entity's rules; {@code references} false checks the request's own fields only (nothing looked up). */
    protected abstract List<Violation> rules(R request, boolean references);

    /** The record a checked request makes: new ({@code current} null) or the next version of {@code current}. */
    protected abstract T build(R request, T current);

    /** Same content as {@code current}, ignoring timestamps and version: an upsert then changes nothing. */
    protected abstract boolean sameContent(T next, T current);

    /** Refuses (409) a value unique across records that another record holds; none by default. */
    protected void checkUnique(T record) {
    }

    /** After a create, replace or upsert wrote {@code record}, in its transaction; nothing by default. */
    protected void written(T record) {
    }

    /** The record as the API answers it; itself by default. */
    protected T view(T record) {
        return record;
    }

    /** Creates; the key must be free; a version in the body is refused. */
    protected T createRecord(R r, String actor) {
        if (kind.requestVersion().apply(r) != null) {
            throw MasterDataProblems.versionOnCreate();
        }
        Violation.throwIfAny(rules(r, true));
        T t = build(r, null);
        String key = kind.key().apply(t);
        if (store.find(key).isPresent()) {
            throw MasterDataProblems.exists(kind.entity(), kind.zh(), kind.keyName(), key);
        }
        checkUnique(t);
        store.insert(t);
        written(t);
        audit.record(actor, kind.entity() + ".create", kind.entity() + ":" + key, "version=1");
        return view(t);
    }

    /** The record or 404. */
    protected T getRecord(String key) {
        return store.find(key).map(this::view).orElseThrow(() -> notFound(key));
    }

    /**
     * The full replace. As for staff: first the body's own fields, then whether the record exists, then the version
     * and the references.
     */
    protected T replaceRecord(String key, R r, String actor) {
        R full = kind.withKey().apply(r, key);
        String sentKey = kind.requestKey().apply(r);
        R asSent = sentKey == null ? full : r;
        Long version = kind.requestVersion().apply(r);
        if (version != null && version < 1) {
            throw MasterDataProblems.versionProblem(version);
        }
        Violation.throwIfAny(rules(asSent, false));
        T current = store.lock(key).orElseThrow(() -> notFound(key));
        ApiProblem bad = MasterDataProblems.versionProblem(version);
        if (bad != null) {
            throw bad;
        }
        if (sentKey != null && !sentKey.strip().equals(key)) {
            throw MasterDataProblems.keyMismatch(kind.keyName());
        }
        Violation.throwIfAny(rules(full, true));
        long currentVersion = kind.version().applyAsLong(current);
        if (version != currentVersion) {
            throw MasterDataProblems.staleVersion(kind.entity(), key, version, currentVersion);
        }
        T next = build(full, current);
        checkUnique(next);
        store.update(next, currentVersion);
        written(next);
        audit.record(actor, kind.entity() + ".replace", kind.entity() + ":" + key, "version="
                + kind.version().applyAsLong(next));
        return view(next);
    }

    /**
     * Sets the record inactive ({@code inactive} makes the next version, or null when it is inactive already: then it
     * is answered unchanged); the record stays because others refer to its key.
     */
    protected T deactivateRecord(String key, String actor, Function<T, T> inactive) {
        T current = store.lock(key).orElseThrow(() -> notFound(key));
        T next = inactive.apply(current);
        if (next == null) {
            return current;
        }
        store.update(next, kind.version().applyAsLong(current));
        audit.record(actor, kind.entity() + ".deactivate", kind.entity() + ":" + key, "version="
                + kind.version().applyAsLong(next));
        return next;
    }

    /** Writes a checked request by key: created, updated (version + 1) or, when identical, left alone. */
    protected WriteOutcome upsertRecord(R r, String actor) {
        Optional<T> current = store.lock(kind.requestKey().apply(r).strip());
        T next = build(r, current.orElse(null));
        if (current.isPresent() && sameContent(next, current.get())) {
            return WriteOutcome.UNCHANGED;
        }
        checkUnique(next);
        String key = kind.key().apply(next);
        if (current.isEmpty()) {
            store.insert(next);
            written(next);
            audit.record(actor, kind.entity() + ".create", kind.entity() + ":" + key, "source=import");
            return WriteOutcome.CREATED;
        }
        store.update(next, kind.version().applyAsLong(current.get()));
        written(next);
        audit.record(actor, kind.entity() + ".replace", kind.entity() + ":" + key, "source=import");
        return WriteOutcome.UPDATED;
    }

    protected ApiProblem notFound(String key) {
        return MasterDataProblems.notFound(kind.entity(), kind.zh(), kind.keyName(), key);
    }

    /** Now, to the microsecond both databases keep. */
    protected static Instant now() {
        return Clock.systemUTC().instant().truncatedTo(ChronoUnit.MICROS);
    }
}
