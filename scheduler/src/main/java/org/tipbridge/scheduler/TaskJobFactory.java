// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.util.Map;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/**
 * Binds Quartz jobs to in-process tasks by job name, so the job store holds nothing but names
 * (which a persistent, clustered store could keep as well).
 */
final class TaskJobFactory implements JobFactory {

    private final Map<String, ScheduledTask> tasks;
    private final RunningTasks running;

    TaskJobFactory(Map<String, ScheduledTask> tasks, RunningTasks running) {
        this.tasks = tasks;
        this.running = running;
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        String name = bundle.getJobDetail().getKey().getName();
        ScheduledTask task = tasks.get(name);
        if (task == null) {
            throw new SchedulerException("no task registered in this process for job " + name);
        }
        return new TaskJob(task, running);
    }
}
