// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.retention.RetentionJob;
import org.tipbridge.conf.RetentionConfig;
import org.tipbridge.scheduler.JobScheduler;

class RetentionScheduleTest {

    @Test
    void daemonSchedulesTheRetentionJobUnderItsName() throws Exception {
        JobScheduler jobs = JobScheduler.inMemory("retention-test", 1);
        CountDownLatch ran = new CountDownLatch(1);
        RetentionConfig config = new RetentionConfig(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Duration.ZERO,
                Duration.ofHours(1));
        try {
            Daemon.scheduleRetention(jobs, config, ran::countDown);
            jobs.start();
            jobs.runNow(RetentionJob.NAME);

            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            jobs.stop(Duration.ofSeconds(5));
        }
    }
}
