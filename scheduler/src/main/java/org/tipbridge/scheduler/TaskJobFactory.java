// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.util.Map;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds Quartz jobs to in-process tasks by job name, so the job store holds nothing but names. In
 * a shared store another node may have defined a job this process does not run (an older or newer
 * version during an upgrade); such a fire does nothing here, rather than putting the job's trigger
 * in Quartz's error state for the whole cluster.
 */
final class TaskJobFactory implements JobFactory {

    private static final Logger LOG = LoggerFactory.getLogger(TaskJobFactory.class);

    private final Map<String, ScheduledTask> tasks;
    private final RunningTasks running;

    TaskJobFactory(Map<String, ScheduledTask> tasks, RunningTasks running) {
        this.tasks = tasks;
        this.running = running;
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) {
        String name = bundle.getJobDetail().getKey().getName();
        ScheduledTask task = tasks.get(name);
        if (task == null) {
            LOG.warn("job {} is not registered on this node; this run is skipped", name);
            return context -> {};
        }
        return new TaskJob(task, running);
    }
}
