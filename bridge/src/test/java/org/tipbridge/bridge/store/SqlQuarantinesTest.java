// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V12: quarantine copies, requests and the daemon's answers, on the engine the run uses. */
class SqlQuarantinesTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(3600);

    @TempDir
    Path tmp;

    private RecordStore store;
    private Quarantines quarantines;

    @BeforeEach
    void open() {
        store = RecordStore.open(TestDatabases.store(tmp));
        quarantines = store.quarantines();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private long entry(Channel channel, String reason, Instant received) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return store.quarantine(channel, received, reason, key, Optional.empty());
    }

    private static AuditLog.Event event(String action, long id) {
        return new AuditLog.Event("alice", action, Optional.empty(), id, T1);
    }

    private List<String> audit() {
        return store.audit().recent(10).stream()
                .map(e -> e.action() + "@" + e.recordId())
                .toList();
    }

    @Test
    void aNewEntryIsHeldWithoutCopyAndTakesOnlyOneCopy() {
        long id = entry(Channel.EMAIL, "plaintext-refused", T0);

        boolean first = quarantines.attachCopy(id, new BlobRef("blob-a", 100));
        boolean replay = quarantines.attachCopy(id, new BlobRef("blob-b", 200));

        QuarantineEntry e = quarantines.get(id).orElseThrow();
        assertThat(first).isTrue();
        assertThat(replay).isFalse();
        assertThat(e.state()).isEqualTo(QuarantineEntry.STATE_HELD);
        assertThat(e.originalBlob()).contains("blob-a");
        assertThat(e.sizeBytes()).isEqualTo(100);
        assertThat(store.referencedBlobs()).contains("blob-a").doesNotContain("blob-b");
    }

    @Test
    void listFiltersByReasonAndChannelNewestFirst() {
        long old = entry(Channel.EMAIL, "automated", T0);
        long newer = entry(Channel.EMAIL, "automated", T1);
        entry(Channel.EMAIL, "rate-limited", T1);
        long signal = entry(Channel.SIGNAL, "automated", T1);

        List<QuarantineEntry> automatedMail =
                quarantines.list(new Quarantines.Filter(Optional.of("automated"), Optional.of(Channel.EMAIL), 10));
        List<QuarantineEntry> one = quarantines.list(new Quarantines.Filter(Optional.empty(), Optional.empty(), 1));

        assertThat(automatedMail).extracting(QuarantineEntry::id).containsExactly(newer, old);
        assertThat(one).extracting(QuarantineEntry::id).containsExactly(signal);
    }

    @Test
    void releaseIsRequestedOnceWithItsAuditEventAndAnsweredByTheDaemon() {
        long id = entry(Channel.EMAIL, "plaintext-refused", T0);

        boolean requested =
                quarantines.requestRelease(id, "plaintext-refused", event(Quarantines.RELEASE_REQUESTED, id));
        boolean twice = quarantines.requestRelease(id, "plaintext-refused", event(Quarantines.RELEASE_REQUESTED, id));
        List<QuarantineEntry> pending = quarantines.pending(10);
        quarantines.released(id, 42, T1);
        List<QuarantineEntry> toExpunge = quarantines.pending(10);
        quarantines.expunged(id);

        assertThat(requested).isTrue();
        assertThat(twice).isFalse();
        assertThat(pending).extracting(QuarantineEntry::state).containsExactly("release-requested");
        assertThat(pending.get(0).override()).contains("plaintext-refused");
        assertThat(toExpunge).extracting(QuarantineEntry::detail).containsExactly(Optional.of("expunge-pending"));
        assertThat(quarantines.pending(10)).isEmpty();
        QuarantineEntry done = quarantines.get(id).orElseThrow();
        assertThat(done.state()).isEqualTo("released");
        assertThat(done.recordId()).hasValue(42);
        assertThat(audit()).containsExactly("quarantine-release-requested@" + id);
    }

    @Test
    void aFailedReleaseCanBeRequestedAgain() {
        long id = entry(Channel.EMAIL, "automated", T0);
        quarantines.requestRelease(id, "automated", event(Quarantines.RELEASE_REQUESTED, id));

        quarantines.releaseFailed(id, "original-missing", T1);
        QuarantineEntry failed = quarantines.get(id).orElseThrow();
        boolean again = quarantines.requestRelease(id, "automated", event(Quarantines.RELEASE_REQUESTED, id));

        assertThat(failed.state()).isEqualTo("release-failed");
        assertThat(failed.detail()).contains("original-missing");
        assertThat(again).isTrue();
        assertThat(quarantines.get(id).orElseThrow().detail()).isEmpty();
    }

    @Test
    void deleteForgetsTheCopyAndLeavesAnEmailRowForTheDaemonButRemovesASignalRow() {
        long mail = entry(Channel.EMAIL, "automated", T0);
        long signal = entry(Channel.SIGNAL, "malformed-signal", T0);
        quarantines.attachCopy(mail, new BlobRef("mail-copy", 10));
        quarantines.attachCopy(signal, new BlobRef("signal-copy", 10));

        Quarantines.Deleted mailDeleted = quarantines
                .requestDelete(mail, event(Quarantines.DELETED, mail))
                .orElseThrow();
        Quarantines.Deleted signalDeleted = quarantines
                .requestDelete(signal, event(Quarantines.DELETED, signal))
                .orElseThrow();
        boolean copyAfterDelete = quarantines.attachCopy(mail, new BlobRef("late-copy", 10));

        assertThat(mailDeleted).isEqualTo(new Quarantines.Deleted(Optional.of("mail-copy"), false));
        assertThat(signalDeleted).isEqualTo(new Quarantines.Deleted(Optional.of("signal-copy"), true));
        assertThat(copyAfterDelete).isFalse();
        assertThat(quarantines.get(signal)).isEmpty();
        assertThat(quarantines.pending(10)).extracting(QuarantineEntry::id).containsExactly(mail);
        assertThat(quarantines.remove(mail)).isEmpty();
        assertThat(quarantines.get(mail)).isEmpty();
        assertThat(quarantines.requestDelete(99, event(Quarantines.DELETED, 99)))
                .isEmpty();
        assertThat(audit()).containsExactly("quarantine-deleted@" + signal, "quarantine-deleted@" + mail);
    }

    @Test
    void aDeleteAskedWhileAReleaseRunsIsNotOverwrittenByTheReleasesOutcome() {
        long released = entry(Channel.EMAIL, "plaintext-refused", T0);
        long failing = entry(Channel.EMAIL, "plaintext-refused", T0);
        for (long id : List.of(released, failing)) {
            quarantines.requestRelease(id, "plaintext-refused", event(Quarantines.RELEASE_REQUESTED, id));
            quarantines.requestDelete(id, event(Quarantines.DELETED, id));
        }

        boolean recorded = quarantines.released(released, 42, T1);
        boolean failed = quarantines.releaseFailed(failing, "original-missing", T1);

        assertThat(recorded).isFalse();
        assertThat(failed).isFalse();
        for (long id : List.of(released, failing)) {
            QuarantineEntry e = quarantines.get(id).orElseThrow();
            assertThat(e.state()).isEqualTo(QuarantineEntry.STATE_DELETE_REQUESTED);
            assertThat(e.recordId()).isEmpty();
        }
        assertThat(quarantines.pending(10)).extracting(QuarantineEntry::id).containsExactly(released, failing);
    }

    @Test
    void onlyADeleteRequestedRowIsRemovedByTheDaemon() {
        long held = entry(Channel.EMAIL, "plaintext-refused", T0);

        assertThat(quarantines.remove(held)).isEmpty();
        assertThat(quarantines.get(held)).isPresent();
    }

    @Test
    void aLocationIsKeptAndRetentionQueuesItsExpungeWithTheRowsDeletion() {
        long located = entry(Channel.EMAIL, "plaintext-refused", T0);
        long unlocated = entry(Channel.EMAIL, "plaintext-refused", T0);
        long signal = entry(Channel.SIGNAL, "malformed-signal", T0);
        QuarantineEntry.Location where = new QuarantineEntry.Location(1_700_000_000L, 4_000_000_000L);

        boolean stored = quarantines.located(located, where);
        boolean signalStored = quarantines.located(signal, where);
        QuarantineEntry read = quarantines.get(located).orElseThrow();
        QuarantineEntry readUnlocated = quarantines.get(unlocated).orElseThrow();
        store.retention().purgeQuarantine(T1, 10);
        List<QuarantineEntry.Location> queued = quarantines.expungeQueue(10);
        quarantines.expungeDone(queued);

        assertThat(stored).isTrue();
        assertThat(signalStored).isFalse();
        assertThat(read.location()).contains(where);
        assertThat(readUnlocated.location()).isEmpty();
        assertThat(queued).containsExactly(where);
        assertThat(quarantines.get(located)).isEmpty();
        assertThat(quarantines.expungeQueue(10)).isEmpty();
    }
}
