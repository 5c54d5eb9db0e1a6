// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.time.Duration;
import java.util.Properties;
import org.quartz.impl.StdSchedulerFactory;

/** The Quartz settings of the two kinds of {@link JobScheduler}, in one place. */
final class QuartzProperties {

    /**
     * A fire later than this is a misfire and is skipped to the next period; also how often a
     * clustered node's misfire handler looks for such fires.
     */
    static final Duration MISFIRE_THRESHOLD = Duration.ofSeconds(1);

    private QuartzProperties() {}

    /**
     * Own name, {@code threads} daemon worker threads, no JMX or RMI, schedule kept in memory; a
     * fire later than the misfire threshold is skipped to the next period.
     */
    static Properties inMemory(String name, int threads) {
        Properties p = common(name, name, threads);
        p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
        return p;
    }

    /**
     * As {@link #inMemory}, but the schedule is kept in the PostgreSQL tables of {@link
     * QuartzSchema} and shared by every node using the same {@code name}: Quartz's clustered
     * {@code JobStoreTX}, connections from the provider registered as {@code dataSourceName},
     * triggers acquired under the database lock so that two nodes never take the same one, job
     * data stored as strings (never Java-serialised objects read back from the database).
     */
    static Properties clustered(String name, String nodeId, int threads, String dataSourceName, ClusterTiming timing) {
        Properties p = common(name, name + "-" + nodeId, threads);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, nodeId);
        p.setProperty(
                StdSchedulerFactory.PROP_SCHED_IDLE_WAIT_TIME,
                Long.toString(timing.idleWait().toMillis()));
        p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty(
                "org.quartz.jobStore.clusterCheckinInterval",
                Long.toString(timing.checkinInterval().toMillis()));
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        return p;
    }

    private static Properties common(String name, String threadName, int threads) {
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, name);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_THREAD_NAME, threadName + "-scheduler");
        p.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
        p.setProperty(StdSchedulerFactory.PROP_SCHED_JMX_EXPORT, "false");
        p.setProperty(StdSchedulerFactory.PROP_SCHED_RMI_EXPORT, "false");
        p.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", threadName + "-worker");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD.toMillis()));
        return p;
    }
}
