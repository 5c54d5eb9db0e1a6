// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/** The Quartz names and definitions of a job: all derived from the job's name, never random. */
final class Triggers {

    private static final String GROUP = "tipbridge";

    private Triggers() {}

    static JobKey job(String job) {
        return JobKey.jobKey(job, GROUP);
    }

    /** A durable job run by {@link TaskJob}: the store holds only its name. */
    static JobDetail detail(String job) {
        return JobBuilder.newJob(TaskJob.class)
                .withIdentity(job(job))
                .storeDurably()
                .build();
    }

    static TriggerKey periodicKey(String job) {
        return TriggerKey.triggerKey(job + ".every", GROUP);
    }

    /** Every {@code period} from {@code initialDelay} on; a misfire skips to the next period. */
    static Trigger periodic(String job, Duration period, Duration initialDelay) {
        return TriggerBuilder.newTrigger()
                .withIdentity(periodicKey(job))
                .forJob(job(job))
                .startAt(Date.from(Instant.now().plus(initialDelay)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(period.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    /**
     * One extra run as soon as possible, under a name fixed per job so that a request made while
     * another is pending finds it instead of adding a second one.
     */
    static Trigger once(String job) {
        return TriggerBuilder.newTrigger()
                .withIdentity(TriggerKey.triggerKey(job + ".now", GROUP))
                .forJob(job(job))
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
    }
}
