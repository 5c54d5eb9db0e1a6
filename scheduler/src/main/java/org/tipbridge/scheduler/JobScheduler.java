// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Runs named periodic tasks; callers never see Quartz. A job never runs concurrently with itself,
 * missed runs are skipped rather than caught up, {@link #runNow} asks for one extra run (coalesced
 * while a run is in progress), a failing task is logged by exception class and keeps its schedule,
 * and {@link #stop} lets the runs in progress finish.
 *
 * <p>Tasks are bound to jobs by name in this process and the job store holds only names and
 * schedules, so a persistent, clustered Quartz store can later be configured through the same
 * private constructor (see {@link #inMemory} for the properties it takes).
 */
public final class JobScheduler {

    private static final String GROUP = "tipbridge";
    /** A fire later than this is a misfire and is skipped to the next period. */
    private static final long MISFIRE_THRESHOLD_MILLIS = 1000;

    private final String name;
    private final Scheduler quartz;
    private final Map<String, ScheduledTask> tasks = new ConcurrentHashMap<>();
    private final RunningTasks running = new RunningTasks();

    private JobScheduler(String name, Properties properties) {
        this.name = name;
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
        if (name.isBlank() || threads < 1) {
            throw new IllegalArgumentException("a scheduler needs a name and at least one thread");
        }
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, name);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_THREAD_NAME, name + "-scheduler");
        p.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
        p.setProperty(StdSchedulerFactory.PROP_SCHED_JMX_EXPORT, "false");
        p.setProperty(StdSchedulerFactory.PROP_SCHED_RMI_EXPORT, "false");
        p.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.threadPool.threadNamePrefix", name + "-worker");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD_MILLIS));
        return new JobScheduler(name, p);
    }

    /**
     * Runs {@code task} every {@code period}, first after {@code initialDelay}. A run that would
     * overlap the previous one waits for it; runs missed by more than a second are skipped.
     */
    public void every(String job, Duration period, Duration initialDelay, Runnable task) {
        if (job.isBlank() || period.compareTo(Duration.ofMillis(1)) < 0 || initialDelay.isNegative()) {
            throw new IllegalArgumentException("a job needs a name, a period of at least 1ms and a delay >= 0");
        }
        if (tasks.putIfAbsent(job, new ScheduledTask(job, task)) != null) {
            throw new IllegalArgumentException("job " + job + " is already scheduled");
        }
        JobDetail detail = JobBuilder.newJob(TaskJob.class)
                .withIdentity(key(job))
                .storeDurably()
                .build();
        try {
            quartz.scheduleJob(detail, periodic(job, period, initialDelay));
        } catch (SchedulerException e) {
            tasks.remove(job);
            throw new SchedulingException("scheduler " + name + " could not schedule job " + job, e);
        }
    }

    /**
     * Asks for one extra run of {@code job} as soon as possible: right away when it is idle, or
     * right after the run in progress. Requests made before that extra run starts are merged into it.
     */
    public void runNow(String job) {
        ScheduledTask task = tasks.get(job);
        if (task == null) {
            throw new IllegalArgumentException("no job named " + job);
        }
        if (!task.request()) {
            return;
        }
        try {
            quartz.triggerJob(key(job), new JobDataMap(Map.of(TaskJob.ON_REQUEST, Boolean.TRUE)));
        } catch (SchedulerException e) {
            task.withdrawRequest();
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

    private static Trigger periodic(String job, Duration period, Duration initialDelay) {
        return TriggerBuilder.newTrigger()
                .withIdentity(job + ".every", GROUP)
                .forJob(key(job))
                .startAt(Date.from(Instant.now().plus(initialDelay)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(period.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    private static JobKey key(String job) {
        return JobKey.jobKey(job, GROUP);
    }
}
