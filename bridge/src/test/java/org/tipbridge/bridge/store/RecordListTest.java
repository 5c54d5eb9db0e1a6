// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.conf.StoreConfig;

class RecordListTest {
    private static final Instant D1 = Instant.parse("2026-10-01T09:00:00Z");
    private static final Instant D2 = Instant.parse("2026-10-15T09:00:00Z");
    private static final Instant D3 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant D4 = Instant.parse("2026-11-20T09:00:00Z");
    private static final Cases.Action ACTION = new Cases.Action("alice", D4);

    @TempDir
    Path tmp;

    private RecordStore store;
    private long r1;
    private long r2;
    private long r3;
    private long r4;
    private long r5;

    @BeforeEach
    void open() {
        store = RecordStore.open(new StoreConfig("jdbc:sqlite:" + tmp.resolve("tipbridge.db"), tmp.resolve("blobs")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private long commit(String handle, Channel channel, Instant received, int n) {
        return store.commit(new NewRecord(
                        handle,
                        channel,
                        received,
                        SqliteRecordStoreTest.key(n),
                        ("sealed-" + n).getBytes(StandardCharsets.US_ASCII),
                        List.of()))
                .id();
    }

    private void status(long id, String status) {
        store.changeStatus(id, status, new AuditLog.Event("alice", "status-changed", Optional.of(status), id, D4));
    }

    /** Five records with every kind of case data; r3 and r4 arrived in the same second. */
    private void seed() {
        r1 = commit("amber-otter-7K4QX", Channel.EMAIL, D1, 1);
        r2 = commit("brave-heron-2M9PL", Channel.SIGNAL, D2, 2);
        r3 = commit("brave-heron-2M9PL", Channel.EMAIL, D3, 3);
        r4 = commit("amber-otter-7K4QX", Channel.SIGNAL, D3, 4);
        r5 = commit("calm-finch-8R3TW", Channel.EMAIL, D4, 5);
        status(r2, "triaged");
        status(r3, "investigating");
        status(r4, "closed");
        store.cases().retag(r2, Set.of("urgent"), Set.of(), ACTION);
        store.cases().retag(r3, Set.of("urgent", "legal"), Set.of(), ACTION);
        store.cases().retag(r4, Set.of("legal"), Set.of(), ACTION);
        store.cases().assign(r2, "alice", ACTION);
        store.cases().assign(r3, "bob", ACTION);
        store.cases().assign(r5, "alice", ACTION);
    }

    private List<Long> ids(RecordFilter filter) {
        return store.cases().list(filter).orElseThrow().records().stream()
                .map(RecordSummary::id)
                .toList();
    }

    private static RecordFilter where(
            Optional<String> status,
            Optional<String> tag,
            Optional<Channel> channel,
            Optional<String> handle,
            Optional<Instant> since,
            Optional<RecordFilter.Assignment> assigned) {
        return new RecordFilter(status, tag, channel, handle, since, assigned, OptionalLong.empty(), 50);
    }

    private static final Optional<String> ANY = Optional.empty();

    @Test
    void eachFilterAloneSelectsExactlyItsRecordsNewestFirst() {
        seed();

        assertThat(ids(RecordFilter.all(50))).containsExactly(r5, r4, r3, r2, r1);
        assertThat(ids(where(Optional.of("new"), ANY, Optional.empty(), ANY, Optional.empty(), Optional.empty())))
                .containsExactly(r5, r1);
        assertThat(ids(where(ANY, Optional.of("urgent"), Optional.empty(), ANY, Optional.empty(), Optional.empty())))
                .containsExactly(r3, r2);
        assertThat(ids(where(ANY, ANY, Optional.of(Channel.SIGNAL), ANY, Optional.empty(), Optional.empty())))
                .containsExactly(r4, r2);
        assertThat(ids(where(
                        ANY,
                        ANY,
                        Optional.empty(),
                        Optional.of("brave-heron-2M9PL"),
                        Optional.empty(),
                        Optional.empty())))
                .containsExactly(r3, r2);
        assertThat(ids(where(ANY, ANY, Optional.empty(), ANY, Optional.of(D3), Optional.empty())))
                .containsExactly(r5, r4, r3);
        assertThat(ids(where(
                        ANY, ANY, Optional.empty(), ANY, Optional.empty(), Optional.of(new RecordFilter.To("alice")))))
                .containsExactly(r5, r2);
        assertThat(ids(where(
                        ANY, ANY, Optional.empty(), ANY, Optional.empty(), Optional.of(new RecordFilter.Nobody()))))
                .containsExactly(r4, r1);
    }

    @Test
    void filtersCombineWithAnd() {
        seed();

        assertThat(ids(where(
                        ANY,
                        Optional.of("urgent"),
                        Optional.empty(),
                        ANY,
                        Optional.empty(),
                        Optional.of(new RecordFilter.To("alice")))))
                .containsExactly(r2);
        assertThat(ids(where(ANY, ANY, Optional.of(Channel.EMAIL), ANY, Optional.of(D3), Optional.empty())))
                .containsExactly(r5, r3);
        assertThat(ids(where(
                        Optional.of("closed"),
                        Optional.of("urgent"),
                        Optional.empty(),
                        ANY,
                        Optional.empty(),
                        Optional.empty())))
                .isEmpty();
        assertThat(ids(where(
                        Optional.of("closed"),
                        Optional.of("legal"),
                        Optional.of(Channel.SIGNAL),
                        Optional.of("amber-otter-7K4QX"),
                        Optional.of(D2),
                        Optional.of(new RecordFilter.Nobody()))))
                .containsExactly(r4);
    }

    @Test
    void summariesCarryAssignmentAndSortedTags() {
        seed();

        RecordSummary third =
                store.cases().list(RecordFilter.all(50)).orElseThrow().records().get(2);

        assertThat(third.id()).isEqualTo(r3);
        assertThat(third.tags()).containsExactly("legal", "urgent");
        assertThat(third.assignedTo()).contains("bob");
        assertThat(store.list(50).get(2).tags()).containsExactly("legal", "urgent");
        assertThat(store.listByHandle("brave-heron-2M9PL").get(1).tags()).containsExactly("legal", "urgent");
    }

    @Test
    void pagesWithBeforeCoverEveryRecordOnceEvenWithTiedReceiveTimes() {
        List<Long> all = new ArrayList<>();
        for (int n = 1; n <= 23; n++) {
            all.add(0, commit("amber-otter-7K4QX", Channel.EMAIL, D1.plusSeconds(n / 3), n));
        }
        List<Long> walked = new ArrayList<>();
        OptionalLong before = OptionalLong.empty();
        int pages = 0;
        do {
            RecordPage page = store.cases()
                    .list(new RecordFilter(
                            ANY, ANY, Optional.empty(), ANY, Optional.empty(), Optional.empty(), before, 5))
                    .orElseThrow();
            page.records().forEach(r -> walked.add(r.id()));
            before = page.next();
            pages++;
        } while (before.isPresent());

        assertThat(walked).isEqualTo(all);
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void pagesOfATagFollowListOrderEvenWhenIdsDisagreeWithReceiveTimes() {
        List<Long> tagged = new ArrayList<>();
        for (int n = 1; n <= 12; n++) {
            // Committed out of receive order: ids and receive times disagree.
            long id = commit("amber-otter-7K4QX", Channel.EMAIL, D1.plusSeconds((n * 7) % 5), n);
            if (n % 3 != 0) {
                store.cases().retag(id, Set.of("urgent"), Set.of(), ACTION);
                tagged.add(id);
            }
        }
        List<Long> expected = store.list(100).stream()
                .map(RecordSummary::id)
                .filter(tagged::contains)
                .toList();
        List<Long> walked = new ArrayList<>();
        OptionalLong before = OptionalLong.empty();
        do {
            RecordPage page = store.cases()
                    .list(new RecordFilter(
                            ANY,
                            Optional.of("urgent"),
                            Optional.empty(),
                            ANY,
                            Optional.empty(),
                            Optional.empty(),
                            before,
                            3))
                    .orElseThrow();
            page.records().forEach(r -> walked.add(r.id()));
            before = page.next();
        } while (before.isPresent());

        assertThat(walked).hasSize(8).isEqualTo(expected);
    }

    @Test
    void aFullLastPageSaysThereIsNoMore() {
        for (int n = 1; n <= 4; n++) {
            commit("amber-otter-7K4QX", Channel.EMAIL, D1.plusSeconds(n), n);
        }

        RecordPage page = store.cases().list(RecordFilter.all(4)).orElseThrow();

        assertThat(page.records()).hasSize(4);
        assertThat(page.more()).isFalse();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void beforeAnUnknownRecordIsNotFound() {
        seed();

        assertThat(store.cases()
                        .list(new RecordFilter(
                                ANY,
                                ANY,
                                Optional.empty(),
                                ANY,
                                Optional.empty(),
                                Optional.empty(),
                                OptionalLong.of(99),
                                5)))
                .isEmpty();
    }
}
