// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.conf.StoreConfig;

/** Releasing Signal entries held for a trust decision, and the one-attempt life of the trust request. */
class SqlOutboxTrustTest {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:37Z");
    private static final String HANDLE = "amber-otter-7K4QX";
    private static final byte[] TRUST = "sealed trust request".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;

    private StoreConfig config;
    private RecordStore store;
    private Outbox outbox;

    @BeforeEach
    void open() {
        config = TestDatabases.store(tmp);
        store = RecordStore.open(config());
        outbox = store.outbox();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private StoreConfig config() {
        return config;
    }

    @Test
    void releaseMovesOnlyThisHandlesSignalEntriesHeldForTrust() {
        long changed = held(HANDLE, Channel.SIGNAL, TrustHolds.SAFETY_NUMBER_CHANGED);
        long mismatch = held(HANDLE, Channel.SIGNAL, TrustHolds.SAFETY_NUMBER_MISMATCH);
        long noKey = held(HANDLE, Channel.SIGNAL, "no-source-key");
        long email = held(HANDLE, Channel.EMAIL, TrustHolds.SAFETY_NUMBER_CHANGED);
        long other = held("brisk-heron-22222", Channel.SIGNAL, TrustHolds.SAFETY_NUMBER_CHANGED);
        long queued = outbox.queueReply(reply(HANDLE, Channel.SIGNAL));

        assertThat(outbox.releaseForTrust(HANDLE, TRUST, T0.plusSeconds(7200))).isEqualTo(2);

        assertThat(status(changed)).isEqualTo(OutboxStatus.QUEUED);
        assertThat(status(mismatch)).isEqualTo(OutboxStatus.QUEUED);
        assertThat(status(noKey)).isEqualTo(OutboxStatus.NEEDS_DECISION);
        assertThat(status(email)).isEqualTo(OutboxStatus.NEEDS_DECISION);
        assertThat(status(other)).isEqualTo(OutboxStatus.NEEDS_DECISION);
        assertThat(rawTrust(queued)).isNull();
        assertThat(rawTrust(noKey)).isNull();
        assertThat(outbox.due(T0.plusSeconds(7200), 10))
                .filteredOn(i -> i.sealedTrust().isPresent())
                .extracting(i -> i.entry().id())
                .containsExactly(changed, mismatch);
    }

    @Test
    void releaseAlsoMovesEntriesHeldBecauseTheKeyChangedAgainTrustIsUnsupportedOrTheDecisionWasAhead() {
        List<Long> ids = List.of(
                held(HANDLE, Channel.SIGNAL, TrustHolds.SAFETY_NUMBER_CHANGED_AGAIN),
                held(HANDLE, Channel.SIGNAL, TrustHolds.TRUST_UNSUPPORTED),
                held(HANDLE, Channel.SIGNAL, TrustHolds.DECISION_TIME_AHEAD));

        assertThat(outbox.releaseForTrust(HANDLE, TRUST, T0.plusSeconds(60))).isEqualTo(3);

        assertThat(ids).allSatisfy(id -> assertThat(status(id)).isEqualTo(OutboxStatus.QUEUED));
    }

    @Test
    void releasedEntryStartsAFreshEffortAndIsDueAtOnce() {
        long id = held(HANDLE, Channel.SIGNAL, TrustHolds.SAFETY_NUMBER_CHANGED);
        Instant later = T0.plusSeconds(3 * 3600);

        outbox.releaseForTrust(HANDLE, TRUST, later);

        OutboxEntry entry = outbox.get(id).orElseThrow();
        assertThat(entry.attempts()).isZero();
        assertThat(entry.effortStarted()).isEqualTo(Instant.parse("2026-11-01T13:00:00Z"));
        assertThat(entry.nextAttempt()).isEqualTo(Instant.EPOCH);
        assertThat(outbox.due(later, 10))
                .singleElement()
                .satisfies(i -> assertThat(i.sealedTrust())
                        .hasValueSatisfying(t -> assertThat(t).isEqualTo(TRUST)));
        assertThat(outbox.releaseForTrust(HANDLE, TRUST, later))
                .as("nothing held any more")
                .isZero();
    }

    @Test
    void trustRequestIsDeletedWheneverTheEntryLeavesSending() {
        List<BiConsumer<Outbox, Long>> outcomes = List.of(
                (o, id) -> o.markSent(id, T0),
                (o, id) -> o.markRetry(id, T0.plusSeconds(60), "signal-network", T0),
                (o, id) -> o.markFailed(id, "source-gone", T0),
                (o, id) -> o.markNeedsDecision(id, TrustHolds.SAFETY_NUMBER_CHANGED, T0));
        for (BiConsumer<Outbox, Long> outcome : outcomes) {
            long id = held(HANDLE, Channel.SIGNAL, TrustHolds.SAFETY_NUMBER_CHANGED);
            outbox.releaseForTrust(HANDLE, TRUST, T0);
            assertThat(rawTrust(id)).isEqualTo(TRUST);
            assertThat(outbox.markSending(id, T0)).isTrue();

            outcome.accept(outbox, id);

            assertThat(rawTrust(id)).as("trust request of entry %s", id).isNull();
        }
    }

    @Test
    void decisionsTakenBeforeAnAttemptAndAnalystChangesDeleteTheRequestToo() {
        long failed = released();
        outbox.markFailed(failed, "trust-request-unreadable", T0);
        long cancelled = released();
        outbox.cancel(cancelled, T0);

        assertThat(rawTrust(failed)).isNull();
        assertThat(rawTrust(cancelled)).isNull();
        outbox.retry(failed, false, T0);
        assertThat(rawTrust(failed))
                .as("outbox retry never carries a trust decision")
                .isNull();
    }

    @Test
    void requestSurvivesOnlyADecisionNotActedOnAndARecoveredSend() {
        long unanswered = released();
        outbox.markSending(unanswered, T0);
        long interrupted = released();
        outbox.markSending(interrupted, T0);
        long failedBeforeAttempt = released();

        assertThat(outbox.markRetryKeepingTrust(unanswered, T0.plusSeconds(30), "signal-cli-unreachable", T0))
                .isTrue();
        assertThat(outbox.recoverInterrupted(T0)).isEqualTo(1);
        assertThat(outbox.markRetryKeepingTrust(failedBeforeAttempt, T0.plusSeconds(30), "internal-error", T0))
                .as("from queued: the attempt failed before signal-cli was asked")
                .isTrue();

        assertThat(rawTrust(unanswered)).isEqualTo(TRUST);
        assertThat(rawTrust(interrupted)).isEqualTo(TRUST);
        assertThat(rawTrust(failedBeforeAttempt)).isEqualTo(TRUST);
        assertThat(outbox.get(unanswered).orElseThrow().lastError()).contains("signal-cli-unreachable");
        assertThat(outbox.get(failedBeforeAttempt).orElseThrow().status()).isEqualTo(OutboxStatus.QUEUED);
        long decided = released();
        outbox.markSending(decided, T0);
        outbox.markNeedsDecision(decided, TrustHolds.SAFETY_NUMBER_MISMATCH, T0);
        assertThat(outbox.markRetryKeepingTrust(decided, T0, "signal-cli-unreachable", T0))
                .as("only from queued or sending")
                .isFalse();
        assertThat(status(decided)).isEqualTo(OutboxStatus.NEEDS_DECISION);
    }

    @Test
    void cancelBeforeTheReleaseWinsAndCancelAfterItDropsTheRequest() {
        long first = held(HANDLE, Channel.SIGNAL, TrustHolds.SAFETY_NUMBER_CHANGED);
        outbox.cancel(first, T0);
        assertThat(outbox.releaseForTrust(HANDLE, TRUST, T0)).isZero();
        assertThat(status(first)).isEqualTo(OutboxStatus.CANCELLED);

        long second = released();
        assertThat(outbox.cancel(second, T0)).isTrue();
        assertThat(status(second)).isEqualTo(OutboxStatus.CANCELLED);
        assertThat(rawTrust(second)).isNull();
    }

    @Test
    void concurrentCancelAndReleaseNeverLeaveACancelledEntryQueued() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(held(HANDLE, Channel.SIGNAL, TrustHolds.SAFETY_NUMBER_CHANGED));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (RecordStore other = RecordStore.open(config())) {
            Future<Integer> released = pool.submit(() -> {
                int n = 0;
                for (int i = 0; i < ids.size(); i++) {
                    n += other.outbox().releaseForTrust(HANDLE, TRUST, T0);
                }
                return n;
            });
            Future<Integer> cancelled = pool.submit(
                    () -> (int) ids.stream().filter(id -> outbox.cancel(id, T0)).count());

            assertThat(cancelled.get())
                    .as("every entry was cancellable, released or not")
                    .isEqualTo(ids.size());
            assertThat(released.get()).isBetween(0, ids.size());
        } finally {
            pool.shutdownNow();
        }
        for (long id : ids) {
            assertThat(status(id)).isEqualTo(OutboxStatus.CANCELLED);
            assertThat(rawTrust(id)).isNull();
        }
    }

    private long released() {
        long id = held(HANDLE, Channel.SIGNAL, TrustHolds.SAFETY_NUMBER_CHANGED);
        assertThat(outbox.releaseForTrust(HANDLE, TRUST, T0)).isEqualTo(1);
        return id;
    }

    private long held(String handle, Channel channel, String reason) {
        long id = outbox.queueReply(reply(handle, channel));
        outbox.markSending(id, T0);
        outbox.markNeedsDecision(id, reason, T0);
        return id;
    }

    private static NewReply reply(String handle, Channel channel) {
        byte[] text = "sealed".getBytes(StandardCharsets.US_ASCII);
        return new NewReply(handle, channel, text, text, false, T0);
    }

    private OutboxStatus status(long id) {
        return outbox.get(id).orElseThrow().status();
    }

    private byte[] rawTrust(long id) {
        try (var c = TestDatabases.connect(config);
                var s = c.prepareStatement("SELECT trust_sealed FROM outbox WHERE id = ?")) {
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
