// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs of one job on several nodes of a test cluster: counted per node, overlaps detected. */
final class SharedRuns {

    private final AtomicInteger inside = new AtomicInteger();
    private final AtomicBoolean overlapped = new AtomicBoolean();
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    /** The task of {@code node}: one run taking {@code length}. */
    Runnable on(String node, Duration length) {
        return () -> {
            if (inside.incrementAndGet() > 1) {
                overlapped.set(true);
            }
            LeaseTest.pause(length);
            inside.decrementAndGet();
            runs.computeIfAbsent(node, n -> new AtomicInteger()).incrementAndGet();
        };
    }

    int of(String node) {
        AtomicInteger count = runs.get(node);
        return count == null ? 0 : count.get();
    }

    int total() {
        return runs.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    boolean overlapped() {
        return overlapped.get();
    }
}
