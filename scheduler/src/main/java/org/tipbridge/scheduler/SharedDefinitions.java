// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.time.Duration;
import java.util.Set;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.Trigger.TriggerState;

/**
 * Jobs in a store shared by several nodes, each of which defines the same jobs when it starts. A
 * definition already stored with the same period is kept as it is (a restarting node does not
 * move the schedule); a different period or a trigger in error replaces it, in one transaction
 * under Quartz's lock, under the same trigger name: never a second trigger, never an error.
 *
 * <p>An extra-run request is a one-shot trigger named after the job: while it waits, further
 * requests find it and are merged into it; once it has fired, a new request replaces it so that
 * one more run follows the one in progress. Any node may run it.
 */
final class SharedDefinitions implements JobDefinitions {

    @Override
    public void define(Scheduler quartz, ScheduledTask task, Duration period, Duration initialDelay)
            throws SchedulerException {
        if (!isStored(quartz, task.name(), period)) {
            Trigger periodic = Triggers.periodic(task.name(), period, initialDelay);
            quartz.scheduleJob(Triggers.detail(task.name()), Set.of(periodic), true);
        }
    }

    private static boolean isStored(Scheduler quartz, String job, Duration period) throws SchedulerException {
        Trigger stored = quartz.getTrigger(Triggers.periodicKey(job));
        return stored instanceof SimpleTrigger simple
                && simple.getRepeatInterval() == period.toMillis()
                && quartz.getTriggerState(stored.getKey()) != TriggerState.ERROR;
    }

    @Override
    public void requestRun(Scheduler quartz, ScheduledTask task) throws SchedulerException {
        Trigger once = Triggers.once(task.name());
        if (added(quartz, once)) {
            return;
        }
        TriggerState state = quartz.getTriggerState(once.getKey());
        boolean fired = state == TriggerState.COMPLETE || state == TriggerState.ERROR;
        if (fired && quartz.rescheduleJob(once.getKey(), once) != null) {
            return;
        }
        if (fired || state == TriggerState.NONE) {
            added(quartz, once);
        }
    }

    /** Stores {@code once}; false when a trigger of that name already exists. */
    private static boolean added(Scheduler quartz, Trigger once) throws SchedulerException {
        try {
            quartz.scheduleJob(once);
            return true;
        } catch (ObjectAlreadyExistsException e) {
            return false;
        }
    }
}
