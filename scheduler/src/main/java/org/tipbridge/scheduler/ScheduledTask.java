// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named task and its pending extra-run request. A request is satisfied by any run that starts
 * after it, so many requests while a run is in progress amount to one more run.
 */
final class ScheduledTask {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduledTask.class);

    private final String name;
    private final Runnable body;
    private final AtomicBoolean requested = new AtomicBoolean();

    ScheduledTask(String name, Runnable body) {
        this.name = name;
        this.body = body;
    }

    String name() {
        return name;
    }

    /** Records a request for an extra run; false when one is already pending (nothing to trigger). */
    boolean request() {
        return requested.compareAndSet(false, true);
    }

    /** Withdraws a request whose trigger could not be scheduled. */
    void withdrawRequest() {
        requested.set(false);
    }

    /**
     * Runs the task once. A run fired by an extra-run request is skipped when another run started
     * since the request, which already satisfied it. Failures are logged with the exception's class
     * only: messages may carry data from tips.
     */
    void run(boolean onRequest) {
        boolean wasRequested = requested.getAndSet(false);
        if (onRequest && !wasRequested) {
            return;
        }
        try {
            body.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.warn("job {} failed: {}", name, e.getClass().getName());
        }
    }
}
