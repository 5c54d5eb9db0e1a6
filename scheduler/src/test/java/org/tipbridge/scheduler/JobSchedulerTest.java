// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobSchedulerTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final long WAIT_SECONDS = 10;

    private JobScheduler scheduler;

    @BeforeEach
    void create() {
        scheduler = JobScheduler.inMemory("test-" + UUID.randomUUID(), 4);
    }

    @AfterEach
    void stop() {
        scheduler.stop(Duration.ofSeconds(5));
    }

    @Test
    void runsPeriodically() throws InterruptedException {
        CountDownLatch threeRuns = new CountDownLatch(3);
        scheduler.every("poll", Duration.ofMillis(20), Duration.ZERO, threeRuns::countDown);

        scheduler.start();

        assertThat(threeRuns.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void waitsForTheInitialDelay() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        scheduler.every("later", Duration.ofMillis(20), HOUR, ran::countDown);

        scheduler.start();

        assertThat(ran.await(200, TimeUnit.MILLISECONDS)).isFalse();
    }

    @Test
    void neverRunsTwoAtOnce() throws InterruptedException {
        AtomicInteger inside = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        CountDownLatch fiveRuns = new CountDownLatch(5);
        scheduler.every("slow", Duration.ofMillis(5), Duration.ZERO, () -> {
            if (inside.incrementAndGet() > 1) {
                overlapped.set(true);
            }
            pause(30);
            inside.decrementAndGet();
            fiveRuns.countDown();
        });
        scheduler.start();

        for (int i = 0; i < 20; i++) {
            scheduler.runNow("slow");
            pause(5);
        }

        assertThat(fiveRuns.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(overlapped).isFalse();
    }

    @Test
    void runNowRunsAnIdleJobAtOnce() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        scheduler.every("mail", HOUR, HOUR, ran::countDown);
        scheduler.start();

        scheduler.runNow("mail");

        assertThat(ran.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void runNowCoalesces() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        scheduler.every("mail", HOUR, HOUR, () -> {
            if (runs.incrementAndGet() == 1) {
                firstStarted.countDown();
                await(releaseFirst);
            } else {
                secondDone.countDown();
            }
        });
        scheduler.start();
        scheduler.runNow("mail");
        assertThat(firstStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 10; i++) {
            scheduler.runNow("mail");
        }
        releaseFirst.countDown();

        assertThat(secondDone.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        pause(300);
        assertThat(runs).hasValue(2);
    }

    @Test
    void stopWaitsForRunningJob() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        scheduler.every("seal", HOUR, Duration.ZERO, () -> {
            started.countDown();
            pause(300);
            finished.set(true);
        });
        scheduler.start();
        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        boolean inTime = scheduler.stop(Duration.ofSeconds(WAIT_SECONDS));

        assertThat(inTime).isTrue();
        assertThat(finished).isTrue();
    }

    @Test
    void stopInterruptsJobThatOutlivesGrace() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        scheduler.every("stuck", HOUR, Duration.ZERO, () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        scheduler.start();
        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(scheduler.stop(Duration.ofMillis(50))).isFalse();
        assertThat(interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void failingTaskKeepsSchedule() throws InterruptedException {
        CountDownLatch threeFailures = new CountDownLatch(3);
        scheduler.every("broken", Duration.ofMillis(20), Duration.ZERO, () -> {
            threeFailures.countDown();
            throw new IllegalStateException("tip text that must not be logged");
        });

        scheduler.start();

        assertThat(threeFailures.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void failureIsLoggedByJobNameAndExceptionClassOnly() throws InterruptedException {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CountDownLatch failed = new CountDownLatch(1);
        scheduler.every("broken", HOUR, Duration.ZERO, () -> {
            failed.countDown();
            throw new IllegalStateException("tip text that must not be logged");
        });
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            scheduler.start();
            assertThat(failed.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(scheduler.stop(Duration.ofSeconds(WAIT_SECONDS))).isTrue();
        } finally {
            System.setErr(originalErr);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("job broken failed: java.lang.IllegalStateException")
                .doesNotContain("tip text")
                .doesNotContain("\tat ");
    }

    @Test
    void severalSchedulersCoexist() throws InterruptedException {
        JobScheduler other = JobScheduler.inMemory("test-" + UUID.randomUUID(), 1);
        try {
            CountDownLatch both = new CountDownLatch(2);
            scheduler.every("a", HOUR, Duration.ZERO, both::countDown);
            other.every("a", HOUR, Duration.ZERO, both::countDown);
            scheduler.start();
            other.start();

            assertThat(both.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        } finally {
            other.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void rejectsDuplicateAndUnknownJobs() {
        scheduler.every("poll", HOUR, HOUR, () -> {});

        assertThatThrownBy(() -> scheduler.every("poll", HOUR, HOUR, () -> {}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> scheduler.runNow("missing")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nameIsUniqueWhileRunning() {
        String name = "test-" + UUID.randomUUID();
        JobScheduler first = JobScheduler.inMemory(name, 1);

        assertThatThrownBy(() -> JobScheduler.inMemory(name, 1)).isInstanceOf(IllegalArgumentException.class);

        first.stop(Duration.ZERO);
        JobScheduler.inMemory(name, 1).stop(Duration.ZERO);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
