// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.tipbridge.conf.ClusterConfig;
import org.tipbridge.scheduler.JobScheduler;
import org.tipbridge.scheduler.Lease;
import org.tipbridge.scheduler.LeaseKeeper;
import org.tipbridge.scheduler.QuartzSchema;

/**
 * This node's schedulers and leases. Node-local jobs (the status file, the mailbox poll, which
 * only nudges this node's own IMAP connection) run in an in-memory scheduler. Shared jobs (outbox,
 * retention, the Signal spool) run in a clustered Quartz store when the store is PostgreSQL, so
 * one node at a time runs each; on SQLite, with one daemon per home, in memory. Standing
 * connections (IMAP IDLE, the Signal subscription) are held under leases: renewed in the database
 * on PostgreSQL (ttl 3/4 of the failover time, so another node takes over within it), always held
 * on SQLite.
 */
final class NodeJobs {
    private static final int LOCAL_THREADS = 2;
    private static final int SHARED_THREADS = 3;

    private final String nodeId;
    private final JobScheduler local;
    private final JobScheduler shared;
    private final Optional<DataSource> dataSource;
    private final Duration leaseTtl;
    private final List<LeaseKeeper> keepers = new ArrayList<>();

    private NodeJobs(
            String nodeId,
            JobScheduler local,
            JobScheduler shared,
            Optional<DataSource> dataSource,
            Duration leaseTtl) {
        this.nodeId = nodeId;
        this.local = local;
        this.shared = shared;
        this.dataSource = dataSource;
        this.leaseTtl = leaseTtl;
    }

    /** The schedulers for a node of {@code cluster}, clustered when {@code dataSource} (PostgreSQL) is given. */
    static NodeJobs create(ClusterConfig cluster, Optional<DataSource> dataSource) {
        // A fresh suffix per start: two nodes given the same name by mistake (a copied home) must
        // not share leases or a Quartz instance, and a restarted node is a new instance.
        String nodeId = cluster.nodeName().orElse("node") + "-" + randomSuffix();
        Duration ttl = cluster.failover().multipliedBy(3).dividedBy(4);
        JobScheduler local = JobScheduler.inMemory("tipbridge-node", LOCAL_THREADS);
        if (dataSource.isEmpty()) {
            return new NodeJobs(nodeId, local, JobScheduler.inMemory("tipbridge", SHARED_THREADS), dataSource, ttl);
        }
        try {
            QuartzSchema.install(dataSource.get());
            JobScheduler shared =
                    JobScheduler.clustered("tipbridge", dataSource.get(), nodeId, SHARED_THREADS, cluster.failover());
            return new NodeJobs(nodeId, local, shared, dataSource, ttl);
        } catch (RuntimeException e) {
            local.stop(Duration.ZERO);
            throw e;
        }
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    String nodeId() {
        return nodeId;
    }

    /** Jobs about this node only. */
    JobScheduler local() {
        return local;
    }

    /** Jobs any node may run, one node at a time. */
    JobScheduler shared() {
        return shared;
    }

    /** Whether several nodes may share the store (PostgreSQL). */
    boolean clustered() {
        return dataSource.isPresent();
    }

    /** The lease's own time: how long before a silent holder's lease may be taken by another node. */
    Duration leaseTtl() {
        return leaseTtl;
    }

    /** A keeper for the standing connection {@code name}, started by {@link #startLeases}. */
    void lease(String name, LeaseKeeper.Listener listener) {
        keepers.add(
                dataSource.isPresent()
                        ? LeaseKeeper.renewing(new Lease(dataSource.get(), name, nodeId, leaseTtl), listener)
                        : LeaseKeeper.alwaysOwner(name, listener));
    }

    /** Starts the schedulers, then the leases (a lease's connection may wake shared jobs). */
    void start() {
        local.start();
        shared.start();
        keepers.forEach(LeaseKeeper::start);
    }

    /** Gives up the leases (closing their connections, so that another node takes them at once). */
    void stopLeases() {
        keepers.forEach(LeaseKeeper::stop);
    }

    /** Stops both schedulers, letting runs in progress finish within {@code grace}. */
    void stopJobs(Duration grace) {
        try {
            shared.stop(grace);
        } finally {
            local.stop(grace);
        }
    }
}
