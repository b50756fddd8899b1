package org.aftersaleshub.stock;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.aftersaleshub.support.Database;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Serialises ERP deductions of the same part in the same warehouse (so two usages cannot race the ERP into
 * negative stock), while different parts run in parallel. On PostgreSQL a transaction-scoped advisory lock makes it
 * hold across hub instances; on H2 (one process owns the file) a striped in-process lock does.
 */
@Component
public class PartLocks {

    private static final int STRIPES = 256;

    private final Database database;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ReentrantLock[] local = new ReentrantLock[STRIPES];

    public PartLocks(Database database, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.database = database;
        this.jdbc = jdbc;
        this.tx = tx;
        for (int i = 0; i < STRIPES; i++) {
            local[i] = new ReentrantLock(true);
        }
    }

    /** Runs {@code work} while holding the lock of (part, warehouse). */
    public <T> T withLock(String partSku, String warehouse, Supplier<T> work) {
        long key = key(partSku, warehouse);
        if (database.isPostgres()) {
            return tx.execute(status -> {
                jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, key);
                return work.get();
            });
        }
        ReentrantLock lock = local[(int) Math.floorMod(key, (long) STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    static long key(String partSku, String warehouse) {
        byte[] b = (partSku + "|" + warehouse).getBytes(StandardCharsets.UTF_8);
        long h = 1125899906842597L; // 64-bit string hash: stable across JVMs and instances
        for (byte x : b) {
            h = 31 * h + x;
        }
        return h;
    }
}
