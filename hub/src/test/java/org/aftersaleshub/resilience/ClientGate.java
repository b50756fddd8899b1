package org.aftersaleshub.resilience;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets client threads through while the hub is up. The test closes it just before a kill and opens it once the
 * restarted hub is ready, so clients wait on a condition (no polling, no sleeps) while the hub is down.
 */
final class ClientGate {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition opened = lock.newCondition();
    private boolean open;

    void open() {
        lock.lock();
        try {
            open = true;
            opened.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            open = false;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the gate is open; false when {@code timeout} passed first. */
    boolean awaitOpen(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (!open) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = opened.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean isOpen() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }

    static Duration forever() {
        return Duration.ofNanos(TimeUnit.MINUTES.toNanos(10));
    }
}
