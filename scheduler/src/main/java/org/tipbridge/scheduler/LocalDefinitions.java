// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.time.Duration;
import java.util.Map;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * Jobs in a store of this process only: a job is defined once, and an extra-run request is
 * coalesced in memory ({@link ScheduledTask#request}) and marked so that a run started since
 * satisfies it.
 */
final class LocalDefinitions implements JobDefinitions {

    @Override
    public void define(Scheduler quartz, ScheduledTask task, Duration period, Duration initialDelay)
            throws SchedulerException {
        quartz.scheduleJob(Triggers.detail(task.name()), Triggers.periodic(task.name(), period, initialDelay));
    }

    @Override
    public void requestRun(Scheduler quartz, ScheduledTask task) throws SchedulerException {
        if (!task.request()) {
            return;
        }
        try {
            quartz.triggerJob(
                    Triggers.job(task.name()), new JobDataMap(Map.of(TaskJob.ON_REQUEST, Boolean.TRUE.toString())));
        } catch (SchedulerException | RuntimeException e) {
            task.withdrawRequest();
            throw e;
        }
    }
}
