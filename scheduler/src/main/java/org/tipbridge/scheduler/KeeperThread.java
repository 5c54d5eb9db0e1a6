// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one daemon thread on which a {@link LeaseKeeper} works and calls its listener; a failing
 * callback is logged by exception class only and does not stop the keeper.
 */
final class KeeperThread {

    private static final Logger LOG = LoggerFactory.getLogger(KeeperThread.class);

    private final String lease;
    private final ScheduledThreadPoolExecutor executor;

    KeeperThread(String lease) {
        this.lease = lease;
        this.executor = new ScheduledThreadPoolExecutor(1, body -> {
            Thread thread = new Thread(body, "lease-" + lease);
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    void run(Runnable step) {
        executor.execute(step);
    }

    void runAfter(Runnable step, long delayNanos) {
        if (executor.isShutdown()) {
            return;
        }
        executor.schedule(step, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /** Calls {@code callback} of the listener, never letting it end the keeper. */
    void call(String what, Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("lease {}: {} failed: {}", lease, what, e.getClass().getName());
        }
    }

    /**
     * Runs {@code last} as the final step, waits up to {@code grace} for it, then ends the thread;
     * once finished, does nothing.
     */
    void finish(Runnable last, Duration grace) {
        if (executor.isShutdown()) {
            return;
        }
        try {
            executor.submit(last).get(grace.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("lease {}: stopping failed: {}", lease, e.getClass().getName());
        } finally {
            executor.shutdown();
        }
    }
}
