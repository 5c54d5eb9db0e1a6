// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns SIGTERM/SIGINT into a graceful stop that exits 0: the JVM's shutdown hook asks the main
 * thread to stop, waits until it has finished the message in hand and committed, then halts with 0
 * (a JVM ended by a signal would otherwise exit 143). An ordinary exit is left alone.
 */
final class GracefulStop {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicBoolean finished = new AtomicBoolean();

    GracefulStop install() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::onSignal, "graceful-stop"));
        return this;
    }

    /** Blocks the main thread until a stop is requested. */
    void await() throws InterruptedException {
        requested.await();
    }

    /** Called by the main thread once everything is stopped (also on failure). */
    void finished() {
        finished.set(true);
        done.countDown();
    }

    private void onSignal() {
        if (finished.get()) {
            return;
        }
        requested.countDown();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(0);
    }
}
