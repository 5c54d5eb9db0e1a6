// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a held {@link Lease}, or tries to take a free one, every ttl/3 on the keeper thread. The
 * database statements run on helper threads, so that a hung connection cannot keep the keeper from
 * calling {@code onLost}: an attempt that has not answered by its deadline counts as failed.
 */
final class RenewingLeaseKeeper implements LeaseKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(RenewingLeaseKeeper.class);

    private final Lease lease;
    private final Listener listener;
    private final long ttl;
    private final long interval;
    private final KeeperThread thread;
    private final ExecutorService statements;
    private final AtomicBoolean started = new AtomicBoolean();
    /** Written on the keeper thread only, like the fields below, which only it reads. */
    private volatile boolean holding;

    private boolean stopped;
    /** While holding: when the lease may expire in the database at the earliest (nanoTime). */
    private long heldUntil;
    /** The last statement started, which may still hang. */
    private Future<Boolean> pending;

    RenewingLeaseKeeper(Lease lease, Listener listener) {
        this.lease = lease;
        this.listener = listener;
        this.ttl = lease.ttl().toNanos();
        this.interval = ttl / 3;
        this.thread = new KeeperThread(lease.name());
        this.statements = Executors.newCachedThreadPool(body -> {
            Thread t = new Thread(body, "lease-" + lease.name() + "-db");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void start() {
        if (started.compareAndSet(false, true)) {
            thread.run(this::tick);
        }
    }

    /** One attempt and its report; whatever happens, the next attempt is scheduled. */
    private void tick() {
        if (stopped) {
            return;
        }
        long began = System.nanoTime();
        try {
            report(began, holding ? renewed(began) : attempt(lease::tryAcquire, interval));
        } finally {
            thread.runAfter(this::tick, began + interval - System.nanoTime());
        }
    }

    private void report(long began, boolean held) {
        if (held) {
            heldUntil = began + ttl;
        }
        if (held != holding) {
            holding = held;
            thread.call(held ? "onGained" : "onLost", held ? listener::onGained : listener::onLost);
        }
    }

    /** Renews, unless that cannot be confirmed before 2/3 ttl after the last renewal began. */
    private boolean renewed(long began) {
        long budget = Math.min(interval, heldUntil - interval - began);
        return budget > 0 && attempt(lease::renew, budget);
    }

    /**
     * Runs one statement; false when it fails, errs or has not answered within {@code budget}, or
     * when the previous one is still hanging (so that a dead connection does not pile up threads).
     */
    private boolean attempt(Callable<Boolean> statement, long budget) {
        if (pending != null && !pending.isDone()) {
            return false;
        }
        Future<Boolean> answer;
        try {
            answer = statements.submit(statement);
        } catch (RejectedExecutionException e) {
            return false;
        }
        pending = answer;
        try {
            return answer.get(budget, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            LOG.warn("lease {}: the database did not answer in time", lease.name());
            return false;
        } catch (ExecutionException e) {
            LOG.warn("lease {}: {}", lease.name(), e.getCause().getClass().getName());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void stop() {
        thread.finish(this::giveUp, lease.ttl());
        statements.shutdown();
    }

    private void giveUp() {
        stopped = true;
        if (holding) {
            holding = false;
            thread.call("onLost", listener::onLost);
            attempt(this::release, interval);
        }
    }

    private boolean release() {
        lease.release();
        return true;
    }

    @Override
    public boolean holding() {
        return holding;
    }
}
