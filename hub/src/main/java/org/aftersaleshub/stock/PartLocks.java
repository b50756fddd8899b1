package org.aftersaleshub.stock;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.aftersaleshub.support.Database;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;

/**
 * Serialises ERP bookings of the same part in the same warehouse (so two usages cannot race the ERP into negative
 * stock), while different parts run in parallel. A route step ({@link #lock(Exchange)}) takes the lock of the
 * message's part and warehouse and holds it until the exchange completes — across the ERP call, its retries and
 * the recording of the answer. On PostgreSQL a session-level advisory lock on a connection held for that time makes
 * it hold across hub instances (and a crashed instance's lock dies with its connection); on H2 (one process owns
 * the file) a striped in-process semaphore does.
 */
@Component("partLocks")
public class PartLocks {

    private static final int STRIPES = 256;
    private static final String HELD = "hubPartLockHeld";

    private final Database database;
    private final DataSource dataSource;
    private final Semaphore[] local = new Semaphore[STRIPES];

    public PartLocks(Database database, DataSource dataSource) {
        this.database = database;
        this.dataSource = dataSource;
        for (int i = 0; i < STRIPES; i++) {
            local[i] = new Semaphore(1, true);
        }
    }

    /**
     * Route step: takes the lock of the headers {@code hubPartSku} + {@code hubWarehouse}; released when the exchange
     * completes (also after a dead letter). Taking it twice in one exchange is a no-op.
     */
    public void lock(Exchange ex) throws SQLException, InterruptedException {
        if (ex.getProperty(HELD) != null) {
            return;
        }
        long key = key(ex.getMessage().getHeader(PartUsageEvents.PART_SKU, String.class),
                ex.getMessage().getHeader(PartUsageEvents.WAREHOUSE, String.class));
        Runnable release = database.isPostgres() ? advisory(key) : striped(key);
        ex.setProperty(HELD, Boolean.TRUE);
        ex.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange exchange) {
                release.run();
            }
        });
    }

    private Runnable striped(long key) throws InterruptedException {
        Semaphore s = local[(int) Math.floorMod(key, (long) STRIPES)];
        s.acquire();
        return s::release;
    }

    private Runnable advisory(long key) throws SQLException {
        Connection c = dataSource.getConnection();
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_lock(?)")) {
            ps.setLong(1, key);
            ps.execute();
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        return () -> {
            try (c; PreparedStatement ps = c.prepareStatement("select pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            } catch (SQLException e) {
                try {
                    c.abort(Runnable::run); // never return a connection to the pool that may still hold the lock
                } catch (SQLException ignored) {
                    // the pool evicts the broken connection; its session, and the lock, end with it
                }
            }
        };
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
