// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusteredJobSchedulerTest {

    private static final Duration FAILOVER = Duration.ofSeconds(10);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static DataSource dataSource;
    private final List<JobScheduler> nodes = new ArrayList<>();
    private String cluster;

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.installed();
    }

    @BeforeEach
    void newCluster() {
        cluster = "cluster-" + UUID.randomUUID();
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(node -> node.stop(Duration.ofSeconds(2)));
    }

    @Test
    void aJobRunsOnOneNodeAtATime() {
        SharedRuns runs = new SharedRuns();
        JobScheduler a = node(dataSource, "node-a");
        JobScheduler b = node(dataSource, "node-b");
        // Each run outlasts the period three times over: only the cluster-wide lock keeps them apart.
        a.every("poll", Duration.ofMillis(50), Duration.ZERO, runs.on("node-a", Duration.ofMillis(150)));
        b.every("poll", Duration.ofMillis(50), Duration.ZERO, runs.on("node-b", Duration.ofMillis(150)));
        a.start();
        b.start();

        waitFor(() -> runs.total() >= 12, WAIT);

        assertThat(runs.overlapped()).isFalse();
    }

    @Test
    void nodesDefiningTheSameJobShareOneTrigger() throws SQLException {
        JobScheduler a = node(dataSource, "node-a");
        a.every("poll", HOUR, HOUR, () -> {});
        long firstFire = triggerColumn("poll", "t.next_fire_time");

        node(dataSource, "node-b").every("poll", HOUR, Duration.ofHours(5), () -> {});

        assertThat(triggerCount()).isEqualTo(1);
        assertThat(triggerColumn("poll", "t.next_fire_time")).isEqualTo(firstFire);
    }

    @Test
    void nodesDefiningAJobAtOnceMakeOneTrigger() throws Exception {
        List<JobScheduler> starting = List.of(node(dataSource, "n1"), node(dataSource, "n2"), node(dataSource, "n3"));

        AtOnce.run(starting.stream()
                .<AtOnce.Action>map(node -> () -> node.every("poll", HOUR, HOUR, () -> {}))
                .toList());

        assertThat(triggerCount()).isEqualTo(1);
    }

    @Test
    void aNodeWithAnotherPeriodReplacesTheDefinition() throws SQLException {
        node(dataSource, "node-a").every("poll", HOUR, HOUR, () -> {});

        node(dataSource, "node-b").every("poll", Duration.ofMinutes(5), HOUR, () -> {});

        assertThat(triggerCount()).isEqualTo(1);
        assertThat(triggerColumn("poll", "s.repeat_interval"))
                .isEqualTo(Duration.ofMinutes(5).toMillis());
    }

    @Test
    void aDeadNodesJobRunsElsewhereWithinFailoverPlusPeriod() throws InterruptedException {
        Duration period = Duration.ofSeconds(1);
        CuttableDataSource aDatabase = new CuttableDataSource(dataSource);
        CountDownLatch startedOnA = new CountDownLatch(1);
        CountDownLatch endOfA = new CountDownLatch(1);
        JobScheduler a = node(aDatabase, "node-a");
        a.every("poll", period, Duration.ZERO, () -> {
            startedOnA.countDown();
            await(endOfA);
        });
        a.start();
        assertThat(startedOnA.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        CountDownLatch ranOnB = new CountDownLatch(1);
        JobScheduler b = node(dataSource, "node-b");
        b.every("poll", period, Duration.ZERO, ranOnB::countDown);
        b.start();
        assertThat(ranOnB.await(3, TimeUnit.SECONDS))
                .as("B runs while A's run goes on")
                .isFalse();

        long died = System.nanoTime();
        aDatabase.cut();

        assertThat(ranOnB.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        Duration takeover = Duration.ofNanos(System.nanoTime() - died);
        endOfA.countDown();
        // One second of tolerance for a loaded test machine.
        assertThat(takeover).isLessThan(FAILOVER.plus(period).plusSeconds(1));
    }

    @Test
    void runNowRunsTheJobOnSomeNode() {
        SharedRuns runs = new SharedRuns();
        JobScheduler a = node(dataSource, "node-a");
        JobScheduler b = node(dataSource, "node-b");
        a.every("mail", HOUR, HOUR, runs.on("node-a", Duration.ZERO));
        b.every("mail", HOUR, HOUR, runs.on("node-b", Duration.ZERO));
        a.start();
        b.start();

        b.runNow("mail");
        waitFor(() -> runs.total() == 1, WAIT);
        a.runNow("mail");

        waitFor(() -> runs.total() == 2, WAIT);
    }

    @Test
    void runNowRequestsWhileOneRunGoesOnMakeOneMoreRun() throws InterruptedException {
        SharedRuns runs = new SharedRuns();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Runnable task = () -> {
            if (runs.total() == 0) {
                firstStarted.countDown();
                await(releaseFirst);
            }
            runs.on("any", Duration.ZERO).run();
        };
        JobScheduler a = node(dataSource, "node-a");
        JobScheduler b = node(dataSource, "node-b");
        a.every("mail", HOUR, HOUR, task);
        b.every("mail", HOUR, HOUR, task);
        a.start();
        b.start();
        a.runNow("mail");
        assertThat(firstStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 5; i++) {
            a.runNow("mail");
            b.runNow("mail");
        }
        releaseFirst.countDown();

        waitFor(() -> runs.total() == 2, WAIT);
        LeaseTest.pause(Duration.ofSeconds(2));
        assertThat(runs.total()).isEqualTo(2);
    }

    @Test
    void stoppingANodeLeavesTheOthersRunningItsJobs() throws SQLException {
        SharedRuns runs = new SharedRuns();
        Duration period = Duration.ofMillis(200);
        JobScheduler a = node(dataSource, "node-a");
        JobScheduler b = node(dataSource, "node-b");
        a.every("poll", period, Duration.ZERO, runs.on("node-a", Duration.ZERO));
        b.every("poll", period, Duration.ZERO, runs.on("node-b", Duration.ZERO));
        a.start();
        b.start();
        waitFor(() -> runs.total() >= 3, WAIT);

        assertThat(a.stop(Duration.ofSeconds(5))).isTrue();
        int onA = runs.of("node-a");
        int onB = runs.of("node-b");

        waitFor(() -> runs.of("node-b") >= onB + 5, FAILOVER.plus(period).plus(Duration.ofSeconds(2)));
        assertThat(runs.of("node-a")).isEqualTo(onA);
        assertThat(triggerCount()).isEqualTo(1);
    }

    @Test
    void aJobThisNodeDoesNotRunIsSkippedWithoutBreakingIt() throws SQLException {
        JobScheduler old = node(dataSource, "node-old");
        old.every("retired", Duration.ofMillis(100), Duration.ZERO, () -> {});
        old.stop(Duration.ofSeconds(1));
        CountDownLatch ran = new CountDownLatch(3);
        JobScheduler current = node(dataSource, "node-new");
        current.every("poll", Duration.ofMillis(100), Duration.ZERO, ran::countDown);

        current.start();

        await(ran);
        LeaseTest.pause(Duration.ofMillis(500));
        assertThat(triggerState("retired")).isNotEqualTo("ERROR");
    }

    @Test
    void rejectsAFailoverQuartzCannotKeep() {
        assertThatThrownBy(() -> JobScheduler.clustered(cluster, dataSource, "node-a", 1, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 10 s");
    }

    private JobScheduler node(DataSource source, String id) {
        JobScheduler node = JobScheduler.clustered(cluster, source, id, 2, FAILOVER);
        nodes.add(node);
        return node;
    }

    private int triggerCount() throws SQLException {
        return (int) query("SELECT count(*) FROM qrtz_triggers WHERE sched_name = ?");
    }

    private long triggerColumn(String job, String column) throws SQLException {
        return query("SELECT " + column + " FROM qrtz_triggers t JOIN qrtz_simple_triggers s"
                + " USING (sched_name, trigger_name, trigger_group)"
                + " WHERE t.sched_name = ? AND t.trigger_name = '" + job + ".every'");
    }

    private String triggerState(String job) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT trigger_state FROM qrtz_triggers WHERE sched_name = ? AND trigger_name = ?")) {
            s.setString(1, cluster);
            s.setString(2, job + ".every");
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getString(1);
            }
        }
    }

    private long query(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, cluster);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                return r.getLong(1);
            }
        }
    }

    private static void waitFor(BooleanSupplier condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", within).isLessThan(deadline);
            LeaseTest.pause(Duration.ofMillis(20));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
