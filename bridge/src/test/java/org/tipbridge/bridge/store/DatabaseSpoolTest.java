// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Signal spool in the database, on the engine the run selects. */
class DatabaseSpoolTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(T0);
    private Transactor tx;
    private DatabaseSpool spool;

    @BeforeEach
    void open() {
        tx = TestDatabases.unlockedTransactor(TestDatabases.store(tmp));
        spool = new DatabaseSpool(tx, clock);
    }

    @AfterEach
    void close() {
        tx.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void itemsComeBackInTheOrderTheyWerePut() {
        String first = spool.put(bytes("one"));
        String second = spool.put(bytes("two"));
        String third = spool.put(bytes("three"));

        assertThat(spool.pending(10)).containsExactly(first, second, third);
        assertThat(spool.pending(2)).containsExactly(first, second);
        assertThat(spool.read(second)).isEqualTo(bytes("two"));
    }

    @Test
    void anotherNodeSeesAndTakesOverTheSameItems() {
        String id = spool.put(bytes("sealed"));
        DatabaseSpool otherNode = new DatabaseSpool(tx, clock);

        assertThat(otherNode.pending(10)).containsExactly(id);
        otherNode.delete(id);

        assertThat(spool.pending(10)).isEmpty();
    }

    @Test
    void setAsideLeavesPendingAndIsCounted() {
        String kept = spool.put(bytes("a"));
        String held = spool.put(bytes("b"));

        spool.setAside(held);
        spool.delete(held);

        assertThat(spool.pending(10)).containsExactly(kept);
        assertThat(spool.depth()).isEqualTo(new Spool.Depth(1, 1));
        assertThatThrownBy(() -> spool.read(held)).isInstanceOf(StoreException.class);
    }

    @Test
    void deleteSetAsideDeletesOnlyItemsSetAsideBeforeTheGivenTime() {
        String old = spool.put(bytes("old"));
        spool.setAside(old);
        clock.advance(Duration.ofDays(10));
        String recent = spool.put(bytes("recent"));
        spool.setAside(recent);
        spool.put(bytes("pending"));

        int deleted = spool.deleteSetAside(T0.plus(Duration.ofDays(5)));

        assertThat(deleted).isEqualTo(1);
        assertThat(spool.depth()).isEqualTo(new Spool.Depth(1, 1));
    }

    @Test
    void deletingTwiceDoesNothingAndForeignIdsAreRefused() {
        String id = spool.put(bytes("x"));

        spool.delete(id);
        spool.delete(id);

        assertThat(spool.pending(10)).isEqualTo(List.of());
        assertThatThrownBy(() -> spool.read("../outside")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> spool.delete("1 OR 1=1")).isInstanceOf(StoreException.class);
    }
}
