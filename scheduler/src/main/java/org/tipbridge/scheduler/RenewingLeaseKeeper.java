// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    /** Written on the keeper thread only. */
    private volatile boolean holding;

    private boolean stopped;
    /** While holding: when the lease may expire in the database at the earliest (nanoTime). */
    private long heldUntil;

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
        thread.run(this::tick);
    }

    private void tick() {
        if (stopped) {
            return;
        }
        long started = System.nanoTime();
        boolean held = holding ? renewed(started) : attempt(lease::tryAcquire, interval);
        if (held) {
            heldUntil = started + ttl;
        }
        if (held != holding) {
            holding = held;
            thread.call(held ? "onGained" : "onLost", held ? listener::onGained : listener::onLost);
        }
        thread.runAfter(this::tick, started + interval - System.nanoTime());
    }

    /** Renews, unless that cannot be confirmed before 2/3 ttl after the last renewal began. */
    private boolean renewed(long started) {
        long budget = Math.min(interval, heldUntil - interval - started);
        return budget > 0 && attempt(lease::renew, budget);
    }

    /** Runs one statement; false when it fails, errs or has not answered within {@code budget}. */
    private boolean attempt(Callable<Boolean> statement, long budget) {
        Future<Boolean> answer = statements.submit(statement);
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
