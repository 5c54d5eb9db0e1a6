// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes (two record stores, each with its own connections) on one database, racing from
 * several threads: on PostgreSQL the store lock makes their check-then-write steps atomic.
 */
class ConcurrentNodesTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final int THREADS = 8;

    @TempDir
    Path tmp;

    private RecordStore nodeA;
    private RecordStore nodeB;
    private ExecutorService threads;

    @BeforeEach
    void open() {
        var config = TestDatabases.store(tmp);
        nodeA = RecordStore.open(config);
        nodeB = RecordStore.open(config);
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        nodeA.close();
        nodeB.close();
    }

    /** Runs {@code task} for each node alternately on {@link #THREADS} threads released together. */
    private <T> List<T> race(java.util.function.Function<RecordStore, T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            RecordStore node = i % 2 == 0 ? nodeA : nodeB;
            Callable<T> call = () -> {
                start.await();
                return task.apply(node);
            };
            futures.add(threads.submit(call));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get());
        }
        return results;
    }

    @Test
    void sameDedupeKeyCommittedByBothNodesMakesOneRecord() throws Exception {
        List<CommitResult> results =
                race(node -> node.commit(SqliteRecordStoreTest.record("amber-otter-7K4QX", T0, 7, "blob-1")));

        assertThat(results).filteredOn(r -> !r.duplicate()).hasSize(1);
        assertThat(results)
                .extracting(CommitResult::id)
                .containsOnly(results.get(0).id());
        assertThat(nodeA.count()).isEqualTo(1);
        assertThat(nodeB.get(results.get(0).id()).orElseThrow().attachmentBlobs())
                .containsExactly("blob-1");
    }

    @Test
    void concurrentCreateMappingForOneSenderMakesOneMapping() throws Exception {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        List<HandleMapping> results = race(node -> node.createMapping(
                SqliteRecordStoreTest.key(3), "brisk-heron-" + (10000 + n.incrementAndGet()), new byte[] {1}, T0));

        assertThat(results)
                .extracting(HandleMapping::handle)
                .containsOnly(results.get(0).handle());
        assertThat(nodeB.findMapping(SqliteRecordStoreTest.key(3)).orElseThrow().handle())
                .isEqualTo(results.get(0).handle());
    }

    @Test
    void outboxEntryClaimedByBothNodesHasOneSendingWinner() throws Exception {
        for (int round = 0; round < 10; round++) {
            long id = nodeA.outbox()
                    .queueReply(new NewReply(
                            "amber-otter-7K4QX",
                            Channel.EMAIL,
                            "b".getBytes(StandardCharsets.US_ASCII),
                            "a".getBytes(StandardCharsets.US_ASCII),
                            false,
                            T0));

            List<Boolean> claims = race(node -> node.outbox().markSending(id, T0));

            assertThat(claims).filteredOn(Boolean::booleanValue).hasSize(1);
            OutboxEntry entry = nodeB.outbox().get(id).orElseThrow();
            assertThat(entry.status()).isEqualTo(OutboxStatus.SENDING);
            assertThat(entry.attempts()).isEqualTo(1);
        }
    }
}
