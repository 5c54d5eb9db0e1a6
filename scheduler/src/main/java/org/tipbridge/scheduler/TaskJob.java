// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job that runs one {@link ScheduledTask}; Quartz never runs two of the same job at
 * once, and this job never throws, so a failing task keeps its schedule.
 */
@DisallowConcurrentExecution
final class TaskJob implements Job {

    /** Trigger data key marking a run fired by {@link JobScheduler#runNow}. */
    static final String ON_REQUEST = "tipbridge.onRequest";

    private final ScheduledTask task;
    private final RunningTasks running;

    TaskJob(ScheduledTask task, RunningTasks running) {
        this.task = task;
        this.running = running;
    }

    @Override
    public void execute(JobExecutionContext context) {
        boolean onRequest = context.getTrigger().getJobDataMap().containsKey(ON_REQUEST);
        running.run(() -> task.run(onRequest));
    }
}
