// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;

/**
 * Runs named periodic tasks; callers never see Quartz. A job never runs concurrently with itself,
 * missed runs are skipped rather than caught up, {@link #runNow} asks for one extra run (coalesced
 * while a run is in progress), a failing task is logged by exception class and keeps its schedule,
 * and {@link #stop} lets the runs in progress finish.
 *
 * <p>Tasks are bound to jobs by name in this process and the job store holds only names and
 * schedules. The store is either in memory ({@link #inMemory}) or shared by several nodes on one
 * PostgreSQL database ({@link #clustered}), where each run of a job happens on one node only.
 */
public final class JobScheduler {

    private final String name;
    private final Scheduler quartz;
    private final JobDefinitions definitions;
    private final Map<String, ScheduledTask> tasks = new ConcurrentHashMap<>();
    private final RunningTasks running = new RunningTasks();

    private JobScheduler(String name, Properties properties, JobDefinitions definitions) {
        this.name = name;
        this.definitions = definitions;
        if (SchedulerRepository.getInstance().lookup(name) != null) {
            throw new IllegalArgumentException("a scheduler named " + name + " already exists in this process");
        }
        try {
            quartz = new StdSchedulerFactory(properties).getScheduler();
            quartz.setJobFactory(new TaskJobFactory(tasks, running));
        } catch (SchedulerException e) {
            throw new SchedulingException("scheduler " + name + " could not be created", e);
        }
    }

    /**
     * A scheduler keeping its schedule in memory, with its own name (unique in the process) and
     * {@code threads} worker threads, no JMX or RMI, daemon threads so that a task stuck beyond
     * {@link #stop}'s grace does not keep the JVM alive.
     */
    public static JobScheduler inMemory(String name, int threads) {
        requireNameAndThreads(name, threads);
        return new JobScheduler(name, QuartzProperties.inMemory(name, threads), new LocalDefinitions());
    }

    /**
     * This node of the cluster {@code name}: a scheduler keeping its schedule in the Quartz tables
     * of {@code dataSource} (PostgreSQL; create them first with {@link QuartzSchema#install}), shared
     * with every other node started with the same {@code name}. Each run of a job happens on one
     * node, never two runs of a job at once anywhere in the cluster. Threads as {@link #inMemory}.
     *
     * <p>{@code nodeId} names this node in the store: unique in the cluster and, ideally, the same
     * at each start (a restarted node then recovers its own leftovers at once). When a node stops
     * checking in, for instance because it died, another node runs its jobs within {@code failover}
     * plus one period of the job; {@code failover} is at least 10 s, because Quartz adds a fixed
     * 7.5 s for clock skew to the check-in interval. Node clocks must agree within a second or two
     * (NTP): Quartz compares check-in and fire times written by different nodes.
     *
     * <p>The connections come from {@code dataSource}, which stays the caller's to close, after
     * {@link #stop}. Only one JobScheduler per {@code name} and {@code nodeId} may live in a
     * process.
     */
    public static JobScheduler clustered(
            String name, DataSource dataSource, String nodeId, int threads, Duration failover) {
        requireNameAndThreads(name, threads);
        if (nodeId.isBlank()) {
            throw new IllegalArgumentException("a cluster node needs an id");
        }
        ClusterTiming timing = new ClusterTiming(failover);
        String connections = "tipbridge-" + name + "-" + nodeId + "-" + UUID.randomUUID();
        DBConnectionManager.getInstance().addConnectionProvider(connections, new DataSourceConnections(dataSource));
        Properties properties = QuartzProperties.clustered(name, nodeId, threads, connections, timing);
        // Every node of the cluster has the same Quartz name, which Quartz's process-wide
        // repository would map to the first node created: take it out again at once.
        synchronized (SchedulerRepository.class) {
            JobScheduler node = new JobScheduler(name, properties, new SharedDefinitions());
            SchedulerRepository.getInstance().remove(name);
            return node;
        }
    }

    private static void requireNameAndThreads(String name, int threads) {
        if (name.isBlank() || threads < 1) {
            throw new IllegalArgumentException("a scheduler needs a name and at least one thread");
        }
    }

    /**
     * Runs {@code task} every {@code period}, first after {@code initialDelay}. A run that would
     * overlap the previous one waits for it; runs missed by more than a second are skipped.
     *
     * <p>Clustered, every node registers the same jobs, before {@link #start} (a node runs only
     * the jobs it has registered: a fire of another job on this node is skipped). The job is
     * stored once for the cluster: a node finding it stored with the same period keeps it as it
     * is (its schedule and first run stay; {@code initialDelay} is then ignored), a node bringing
     * another period replaces it. A run fired on this node runs this node's {@code task}.
     */
    public void every(String job, Duration period, Duration initialDelay, Runnable task) {
        if (job.isBlank() || period.compareTo(Duration.ofMillis(1)) < 0 || initialDelay.isNegative()) {
            throw new IllegalArgumentException("a job needs a name, a period of at least 1ms and a delay >= 0");
        }
        ScheduledTask scheduled = new ScheduledTask(job, task);
        if (tasks.putIfAbsent(job, scheduled) != null) {
            throw new IllegalArgumentException("job " + job + " is already scheduled");
        }
        try {
            definitions.define(quartz, scheduled, period, initialDelay);
        } catch (SchedulerException e) {
            tasks.remove(job);
            throw new SchedulingException("scheduler " + name + " could not schedule job " + job, e);
        }
    }

    /**
     * Asks for one extra run of {@code job} as soon as possible: right away when it is idle, or
     * right after the run in progress. Requests made before that extra run starts are merged into it.
     *
     * <p>Clustered, the extra run happens on whichever node takes it first, not necessarily this
     * one, and a periodic run in between does not cancel it; {@code job} must be registered here.
     */
    public void runNow(String job) {
        ScheduledTask task = tasks.get(job);
        if (task == null) {
            throw new IllegalArgumentException("no job named " + job);
        }
        try {
            definitions.requestRun(quartz, task);
        } catch (SchedulerException e) {
            throw new SchedulingException("scheduler " + name + " could not trigger job " + job, e);
        }
    }

    /** Starts running jobs; jobs may be added before or after. */
    public void start() {
        try {
            quartz.start();
        } catch (SchedulerException e) {
            throw new SchedulingException("scheduler " + name + " could not start", e);
        }
    }

    /**
     * Stops: no new run starts, runs in progress get up to {@code grace} to finish, then the
     * scheduler shuts down. Returns true when every run finished in time; otherwise the remaining
     * ones are interrupted and left behind. Must not be called from inside a task.
     *
     * <p>Clustered, only this node stops: the jobs stay in the store and the other nodes go on
     * running them. A run left behind keeps its job blocked until the others declare this node
     * dead, after the failover time.
     */
    public boolean stop(Duration grace) {
        boolean finished = false;
        try {
            quartz.standby();
            finished = running.closeAndAwait(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SchedulerException e) {
            finished = awaitQuietly(grace);
        } finally {
            if (!finished) {
                running.interruptAll();
            }
            shutdown();
        }
        return finished;
    }

    private boolean awaitQuietly(Duration grace) {
        try {
            return running.closeAndAwait(grace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Shuts Quartz down without joining its threads: {@link RunningTasks} already saw to the tasks. */
    private void shutdown() {
        try {
            quartz.shutdown(false);
        } catch (SchedulerException e) {
            throw new SchedulingException("scheduler " + name + " could not shut down", e);
        }
    }
}
