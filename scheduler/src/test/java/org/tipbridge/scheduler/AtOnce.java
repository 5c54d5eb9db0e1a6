// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs actions on their own threads, released together, as nodes starting at the same moment. */
final class AtOnce {

    /** One node's action. */
    interface Action {
        void run() throws Exception;
    }

    private AtOnce() {}

    /** Runs every action at once and rethrows the first failure. */
    static void run(List<Action> actions) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(actions.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Action action : actions) {
                running.add(threads.submit(() -> {
                    go.await();
                    action.run();
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> each : running) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
