// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.conf.StoreConfig;

class SqlOutboxTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:37Z");
    private static final Duration DAY = Duration.ofHours(24);

    @TempDir
    Path tmp;

    private StoreConfig config;
    private RecordStore store;
    private Outbox outbox;

    @BeforeEach
    void open() {
        config = TestDatabases.store(tmp);
        store = RecordStore.open(config);
        outbox = store.outbox();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static NewReply reply(String handle, Instant now) {
        return new NewReply(handle, Channel.EMAIL, bytes("for-bridge"), bytes("for-analysts"), false, now);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static NewRecord acked(String handle, Instant received, int dedupe) {
        return acked(handle, received, dedupe, true);
    }

    private static NewRecord acked(String handle, Instant received, int dedupe, boolean followUps) {
        return acked(handle, received, dedupe, followUps, 1000);
    }

    private static NewRecord acked(String handle, Instant received, int dedupe, boolean followUps, int maxPerHour) {
        NewRecord r = SqliteRecordStoreTest.record(handle, received, dedupe);
        return new NewRecord(
                r.handle(),
                r.channel(),
                r.received(),
                r.dedupeKey(),
                r.sealedRecord(),
                r.sealedAttachments(),
                Optional.of(new AckRequest(followUps, received.minus(DAY), maxPerHour)));
    }

    @Test
    void queuedReplyIsDueAtOnceWithTheBridgeCopy() {
        long id = outbox.queueReply(reply("amber-otter-7K4QX", T0));

        List<OutboxItem> due = outbox.due(T0, 10);

        assertThat(due).hasSize(1);
        assertThat(due.get(0).entry().id()).isEqualTo(id);
        assertThat(due.get(0).entry().status()).isEqualTo(OutboxStatus.QUEUED);
        assertThat(due.get(0).entry().kind()).isEqualTo(OutboxKind.REPLY);
        assertThat(due.get(0).sealedText())
                .hasValueSatisfying(t -> assertThat(t).isEqualTo(bytes("for-bridge")));
    }

    @Test
    void shownTimesAreCoarsenedToTheMinute() {
        long id = outbox.queueReply(reply("amber-otter-7K4QX", T0));

        OutboxEntry entry = outbox.get(id).orElseThrow();

        assertThat(entry.created()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
        assertThat(entry.updated()).isEqualTo(Instant.parse("2026-11-01T10:00:00Z"));
    }

    @Test
    void replyIsPlacedAfterTheNewestRecordOfItsHandle() {
        store.commit(SqliteRecordStoreTest.record("amber-otter-7K4QX", T0, 1));
        long second = store.commit(SqliteRecordStoreTest.record("amber-otter-7K4QX", T0, 2))
                .id();
        store.commit(SqliteRecordStoreTest.record("other-handle-AAAAA", T0, 3));

        long id = outbox.queueReply(reply("amber-otter-7K4QX", T0));

        assertThat(outbox.get(id).orElseThrow().afterRecord()).isEqualTo(second);
    }

    @Test
    void sentReplyLosesItsBridgeCopyButKeepsTheAnalystCopy() {
        long id = outbox.queueReply(reply("amber-otter-7K4QX", T0));
        assertThat(outbox.markSending(id, T0)).isTrue();
        assertThat(outbox.markSent(id, T0)).isTrue();

        assertThat(outbox.get(id).orElseThrow().status()).isEqualTo(OutboxStatus.SENT);
        assertThat(outbox.get(id).orElseThrow().attempts()).isEqualTo(1);
        assertThat(outbox.due(T0.plus(DAY), 10)).isEmpty();
        assertThat(outbox.conversation("amber-otter-7K4QX"))
                .singleElement()
                .satisfies(i -> assertThat(i.sealedText())
                        .hasValueSatisfying(t -> assertThat(t).isEqualTo(bytes("for-analysts"))));
        assertThat(rawBridgeCopy(id)).isNull();
    }

    @Test
    void retryWaitsUntilItsTimeAndKeepsTheReason() {
        long id = outbox.queueReply(reply("amber-otter-7K4QX", T0));
        outbox.markSending(id, T0);

        assertThat(outbox.markRetry(id, T0.plusSeconds(60), "smtp-unreachable", T0))
                .isTrue();

        assertThat(outbox.due(T0.plusSeconds(59), 10)).isEmpty();
        assertThat(outbox.due(T0.plusSeconds(60), 10)).hasSize(1);
        assertThat(outbox.get(id).orElseThrow().lastError()).contains("smtp-unreachable");
    }

    @Test
    void cancelWinsOnlyWhileQueuedOrWaitingForADecision() {
        long queued = outbox.queueReply(reply("amber-otter-7K4QX", T0));
        long sending = outbox.queueReply(reply("amber-otter-7K4QX", T0));
        long undecided = outbox.queueReply(reply("amber-otter-7K4QX", T0));
        outbox.markSending(sending, T0);
        outbox.markNeedsDecision(undecided, "no-source-key", T0);

        long failed = outbox.queueReply(reply("amber-otter-7K4QX", T0));
        outbox.markFailed(failed, "smtp-550", T0);

        assertThat(outbox.cancel(queued, T0)).isTrue();
        assertThat(outbox.cancel(sending, T0)).isFalse();
        assertThat(outbox.cancel(undecided, T0)).isTrue();
        assertThat(outbox.cancel(failed, T0)).isTrue();
        assertThat(rawBridgeCopy(failed)).isNull();
        assertThat(outbox.markSending(queued, T0)).isFalse();
        assertThat(rawBridgeCopy(queued)).isNull();
        assertThat(outbox.get(sending).orElseThrow().status()).isEqualTo(OutboxStatus.SENDING);
    }

    @Test
    void retryOfADecisionCanAllowPlaintext() {
        long id = outbox.queueReply(reply("amber-otter-7K4QX", T0));
        outbox.markNeedsDecision(id, "no-source-key", T0);

        assertThat(outbox.retry(id, true, T0.plusSeconds(5))).isTrue();

        OutboxEntry entry = outbox.get(id).orElseThrow();
        assertThat(entry.status()).isEqualTo(OutboxStatus.QUEUED);
        assertThat(entry.allowPlaintext()).isTrue();
        assertThat(outbox.retry(id, true, T0)).isFalse();
    }

    @Test
    void retryStartsANewDeliveryEffort() {
        long id = outbox.queueReply(reply("amber-otter-7K4QX", T0));
        for (int i = 0; i < 3; i++) {
            outbox.markSending(id, T0);
            outbox.markRetry(id, T0, "smtp-unreachable", T0);
        }
        outbox.markSending(id, T0);
        outbox.markFailed(id, "smtp-unreachable", T0);
        Instant later = T0.plus(Duration.ofDays(5));

        assertThat(outbox.retry(id, false, later)).isTrue();

        OutboxEntry entry = outbox.get(id).orElseThrow();
        assertThat(entry.attempts()).isZero();
        assertThat(entry.effortStarted()).isEqualTo(Instant.parse("2026-11-06T10:00:00Z"));
        assertThat(entry.allowPlaintext()).isFalse();
        assertThat(outbox.due(later, 10)).hasSize(1);
    }

    @Test
    void exactTimesExistOnlyWhileWaitingForARetry() {
        long id = outbox.queueReply(reply("amber-otter-7K4QX", T0));
        assertThat(outbox.get(id).orElseThrow().nextAttempt()).isEqualTo(Instant.EPOCH);
        outbox.markSending(id, T0);
        outbox.markRetry(id, T0.plusSeconds(30), "smtp-451", T0);
        assertThat(outbox.get(id).orElseThrow().nextAttempt()).isEqualTo(T0.plusSeconds(30));

        outbox.markSending(id, T0.plusSeconds(30));
        outbox.markSent(id, T0.plusSeconds(30));

        OutboxEntry entry = outbox.get(id).orElseThrow();
        assertThat(entry.nextAttempt()).isEqualTo(Instant.EPOCH);
        assertThat(entry.updated().getEpochSecond() % 60).isZero();
    }

    @Test
    void acknowledgementsAreCappedPerHourAcrossConversations() {
        store.commit(acked("amber-otter-7K4QX", T0, 1, false, 2));
        store.commit(acked("brisk-heron-22222", T0, 2, false, 2));
        store.commit(acked("calm-ibis-33333", T0, 3, false, 2));
        store.commit(acked("deft-lynx-44444", T0.plus(Duration.ofHours(2)), 4, false, 2));

        assertThat(outbox.list(10))
                .extracting(OutboxEntry::handle)
                .containsExactlyInAnyOrder("amber-otter-7K4QX", "brisk-heron-22222", "deft-lynx-44444");
    }

    @Test
    void interruptedSendsAreQueuedAgainAtStartUp() {
        long id = outbox.queueReply(reply("amber-otter-7K4QX", T0));
        outbox.markSending(id, T0);

        assertThat(outbox.recoverInterrupted(T0)).isEqualTo(1);

        assertThat(outbox.due(T0, 10)).extracting(i -> i.entry().id()).containsExactly(id);
    }

    @Test
    void firstRecordOfAConversationQueuesOneAcknowledgementInTheSameCommit() {
        CommitResult first =
                store.commitAll(List.of(acked("amber-otter-7K4QX", T0, 1))).get(0);

        List<OutboxItem> due = outbox.due(T0, 10);

        assertThat(due).singleElement().satisfies(i -> {
            assertThat(i.entry().kind()).isEqualTo(OutboxKind.ACKNOWLEDGEMENT);
            assertThat(i.entry().afterRecord()).isEqualTo(first.id());
            assertThat(i.sealedText()).isEmpty();
        });
    }

    @Test
    void atMostOneAcknowledgementPerIntervalPerConversation() {
        store.commitAll(List.of(
                acked("amber-otter-7K4QX", T0, 1),
                acked("amber-otter-7K4QX", T0, 2),
                acked("brisk-heron-22222", T0, 3)));
        store.commit(acked("amber-otter-7K4QX", T0.plus(Duration.ofHours(23)), 4));
        store.commit(acked("amber-otter-7K4QX", T0.plus(Duration.ofHours(25)), 5));

        assertThat(outbox.list(100))
                .filteredOn(e -> e.handle().equals("amber-otter-7K4QX"))
                .hasSize(2);
        assertThat(outbox.list(100))
                .filteredOn(e -> e.handle().equals("brisk-heron-22222"))
                .hasSize(1);
    }

    @Test
    void withoutFollowUpsOnlyTheHandlesFirstRecordIsAcknowledged() {
        store.commit(acked("amber-otter-7K4QX", T0, 1, false));
        store.commit(acked("amber-otter-7K4QX", T0.plus(Duration.ofDays(3)), 2, false));
        store.commit(SqliteRecordStoreTest.record("brisk-heron-22222", T0, 3));
        store.commit(acked("brisk-heron-22222", T0.plus(Duration.ofDays(3)), 4, false));

        assertThat(outbox.list(10))
                .singleElement()
                .satisfies(e -> assertThat(e.handle()).isEqualTo("amber-otter-7K4QX"));
    }

    @Test
    void duplicateRecordQueuesNoAcknowledgement() {
        store.commit(SqliteRecordStoreTest.record("amber-otter-7K4QX", T0, 1));

        store.commit(acked("amber-otter-7K4QX", T0, 1));

        assertThat(outbox.list(10)).isEmpty();
    }

    @Test
    void conversationListsRecordsInCommitOrder() {
        long a = store.commit(SqliteRecordStoreTest.record("amber-otter-7K4QX", T0.plusSeconds(3600), 1))
                .id();
        long b = store.commit(SqliteRecordStoreTest.record("amber-otter-7K4QX", T0, 2))
                .id();
        store.commit(SqliteRecordStoreTest.record("brisk-heron-22222", T0, 3));

        assertThat(store.listByHandle("amber-otter-7K4QX"))
                .extracting(RecordSummary::id)
                .containsExactly(a, b);
    }

    private byte[] rawBridgeCopy(long id) {
        try (var c = TestDatabases.connect(config);
                var s = c.prepareStatement("SELECT sealed_for_bridge FROM outbox WHERE id = ?")) {
            s.setLong(1, id);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
