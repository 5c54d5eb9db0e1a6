// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.time.Duration;

/**
 * How often a clustered node checks in, derived from the failover time so that a dead node's jobs
 * run elsewhere within {@code failover} plus one job period.
 *
 * <p>Quartz declares a node dead when, at another node's check-in, the dead node's last check-in
 * is older than its check-in interval plus a fixed 7.5 s allowance for clock skew. Since the
 * others look only at each check-in, detection takes up to two intervals plus 7.5 s after the
 * dead node's last check-in. The recovered trigger, by then in the past, is moved by the misfire
 * handler (which looks every misfire threshold, 1 s) to its next period. Hence {@code 2 *
 * interval + 7.5 s + 1 s + 0.5 s (slack) = failover}, and the shortest failover is 10 s.
 */
record ClusterTiming(Duration failover) {

    /** Quartz's fixed allowance (JobStoreSupport.calcFailedIfAfter), not configurable. */
    static final Duration QUARTZ_ALLOWANCE = Duration.ofMillis(7500);

    private static final Duration SLACK = Duration.ofMillis(500);
    static final Duration SHORTEST_FAILOVER = Duration.ofSeconds(10);

    ClusterTiming {
        if (failover.compareTo(SHORTEST_FAILOVER) < 0) {
            throw new IllegalArgumentException("a cluster failover must be at least " + SHORTEST_FAILOVER.toSeconds()
                    + " s (Quartz adds a fixed 7.5 s to every check-in interval)");
        }
    }

    /** The interval between two check-ins of a node. */
    Duration checkinInterval() {
        return failover.minus(QUARTZ_ALLOWANCE)
                .minus(QuartzProperties.MISFIRE_THRESHOLD)
                .minus(SLACK)
                .dividedBy(2);
    }

    /**
     * How long an idle node waits before looking again for due jobs that another node released
     * or defined (its own changes wake it at once): one second, the least Quartz allows.
     */
    Duration idleWait() {
        return Duration.ofSeconds(1);
    }
}
