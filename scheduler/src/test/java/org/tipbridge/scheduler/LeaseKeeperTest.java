// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LeaseKeeperTest {

    private static final Duration TTL = Duration.ofSeconds(3);
    private static final long WAIT_SECONDS = 20;

    private static DataSource dataSource;
    private final List<LeaseKeeper> keepers = new ArrayList<>();

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.installed();
    }

    @AfterEach
    void stopKeepers() {
        keepers.forEach(LeaseKeeper::stop);
    }

    @Test
    void oneOfTwoKeepersHolds() throws InterruptedException {
        Events a = new Events();
        Events b = new Events();
        LeaseKeeper keeperA = keeper(dataSource, "imap-one", "node-a", a);
        LeaseKeeper keeperB = keeper(dataSource, "imap-one", "node-b", b);

        waitFor(() -> keeperA.holding() || keeperB.holding());
        long end = System.nanoTime() + TTL.multipliedBy(2).toNanos();
        while (System.nanoTime() < end) {
            assertThat(keeperA.holding() && keeperB.holding()).isFalse();
            LeaseTest.pause(Duration.ofMillis(50));
        }

        assertThat(a.all().size() + b.all().size()).isEqualTo(1);
        assertThat(keeperA.holding() || keeperB.holding()).isTrue();
    }

    @Test
    void stoppingTheHolderHandsOverBeforeTheTtl() throws InterruptedException {
        Events a = new Events();
        Events b = new Events();
        LeaseKeeper keeperA = keeper(dataSource, "imap-stop", "node-a", a);
        assertThat(a.next()).contains("gained");
        LeaseKeeper keeperB = keeper(dataSource, "imap-stop", "node-b", b);

        long stopped = System.nanoTime();
        keeperA.stop();

        assertThat(a.next()).contains("lost");
        assertThat(b.next()).contains("gained");
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(TTL);
        assertThat(keeperB.holding()).isTrue();
    }

    @Test
    void aCutOffHolderLosesBeforeTheDatabaseLetsAnotherTakeOver() throws InterruptedException {
        losesBeforeExpiry("imap-cut", CuttableDataSource::cut);
    }

    @Test
    void aHolderWhoseDatabaseHangsLosesBeforeTheDatabaseLetsAnotherTakeOver() throws InterruptedException {
        losesBeforeExpiry("imap-hang", CuttableDataSource::hang);
    }

    /** After {@code failure}, A must say lost while the database still shows it as the holder. */
    private void losesBeforeExpiry(String name, java.util.function.Consumer<CuttableDataSource> failure)
            throws InterruptedException {
        CuttableDataSource cuttable = new CuttableDataSource(dataSource);
        Lease observer = new Lease(dataSource, name, "observer", TTL);
        Events a = new Events(() -> observer.holder());
        LeaseKeeper keeperA = keeper(cuttable, name, "node-a", a);
        assertThat(a.next()).contains("gained");
        Events b = new Events();
        keeper(dataSource, name, "node-b", b);

        long failed = System.nanoTime();
        failure.accept(cuttable);

        assertThat(a.next()).contains("lost");
        assertThat(a.holderWhenLost()).contains("node-a");
        assertThat(keeperA.holding()).isFalse();
        assertThat(b.next()).contains("gained");
        // B takes over at most a ttl and an attempt interval later (one second of tolerance).
        assertThat(Duration.ofNanos(System.nanoTime() - failed))
                .isLessThan(TTL.plus(TTL.dividedBy(3)).plusSeconds(1));
        cuttable.release();
    }

    @Test
    void alwaysOwnerHoldsFromStartToStop() throws InterruptedException {
        Events events = new Events();
        LeaseKeeper keeper = LeaseKeeper.alwaysOwner("imap", events);
        assertThat(keeper.holding()).isFalse();

        keeper.start();
        assertThat(events.next()).contains("gained");
        assertThat(keeper.holding()).isTrue();
        keeper.stop();

        assertThat(events.next()).contains("lost");
        assertThat(keeper.holding()).isFalse();
    }

    private LeaseKeeper keeper(DataSource source, String name, String owner, Events events) {
        LeaseKeeper keeper = LeaseKeeper.renewing(new Lease(source, name, owner, TTL), events);
        keepers.add(keeper);
        keeper.start();
        return keeper;
    }

    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            LeaseTest.pause(Duration.ofMillis(20));
        }
    }

    /** The callbacks one keeper made, in order; on loss, who the database said held the lease. */
    private static final class Events implements LeaseKeeper.Listener {

        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final List<String> all = new ArrayList<>();
        private final java.util.function.Supplier<Optional<String>> holder;
        private volatile Optional<String> holderWhenLost = Optional.empty();

        Events() {
            this(Optional::empty);
        }

        Events(java.util.function.Supplier<Optional<String>> holder) {
            this.holder = holder;
        }

        @Override
        public void onGained() {
            record("gained");
        }

        @Override
        public void onLost() {
            holderWhenLost = holder.get();
            record("lost");
        }

        private synchronized void record(String event) {
            all.add(event);
            queue.add(event);
        }

        Optional<String> next() throws InterruptedException {
            return Optional.ofNullable(queue.poll(WAIT_SECONDS, TimeUnit.SECONDS));
        }

        synchronized List<String> all() {
            return List.copyOf(all);
        }

        Optional<String> holderWhenLost() {
            return holderWhenLost;
        }
    }
}
