// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.time.Duration;

/** The keeper of a node that is alone on its store (SQLite): it holds from start to stop. */
final class SoleLeaseKeeper implements LeaseKeeper {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private final Listener listener;
    private final KeeperThread thread;
    private volatile boolean holding;

    SoleLeaseKeeper(String name, Listener listener) {
        this.listener = listener;
        this.thread = new KeeperThread(name);
    }

    @Override
    public void start() {
        thread.run(() -> {
            if (!holding) {
                holding = true;
                thread.call("onGained", listener::onGained);
            }
        });
    }

    @Override
    public void stop() {
        thread.finish(
                () -> {
                    if (holding) {
                        holding = false;
                        thread.call("onLost", listener::onLost);
                    }
                },
                GRACE);
    }

    @Override
    public boolean holding() {
        return holding;
    }
}
