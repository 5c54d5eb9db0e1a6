// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.time.Duration;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

/**
 * How jobs are put into the store: the one place where a store of this process ({@link
 * LocalDefinitions}) and a store shared by several nodes ({@link SharedDefinitions}) differ.
 */
interface JobDefinitions {

    /** Stores {@code task}'s job with a trigger every {@code period}. */
    void define(Scheduler quartz, ScheduledTask task, Duration period, Duration initialDelay) throws SchedulerException;

    /** Asks for one extra run of {@code task}'s job. */
    void requestRun(Scheduler quartz, ScheduledTask task) throws SchedulerException;
}
