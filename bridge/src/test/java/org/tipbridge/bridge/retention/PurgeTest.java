// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tipbridge.bridge.retention.RetentionFixture.NOW;
import static org.tipbridge.bridge.retention.RetentionFixture.daysAgo;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.store.AuditLog.AuditEvent;
import org.tipbridge.bridge.store.BlobRef;
import org.tipbridge.bridge.store.BlobStore;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.PendingBlob;
import org.tipbridge.bridge.store.RetentionStore;
import org.tipbridge.bridge.store.Spool;
import org.tipbridge.bridge.store.StoreException;
import org.tipbridge.bridge.store.StoredRecord;

class PurgeTest extends FixtureTest {

    @Test
    void purgeDeletesExactlyTheDueRecordsAndTheirBlobFiles() {
        long closedLongAgo = f.record(HANDLE, 40, 2);
        f.close(closedLongAgo, 31);
        long closedRecently = f.record(HANDLE, 40, 1);
        f.close(closedRecently, 29);
        long closedExactly30 = f.record(HANDLE, 40, 0);
        f.close(closedExactly30, 30);
        long untouched91 = f.record(HANDLE, 91, 1);
        long untouched89 = f.record(HANDLE, 89, 0);
        long untouchedExactly90 = f.record(HANDLE, 90, 0);
        List<String> goneBlobs = blobsOf(closedLongAgo, untouched91);
        List<String> keptBlobs = blobsOf(closedRecently);

        PurgeReport report = f.purge().run();

        assertThat(report.records()).containsExactly(closedLongAgo, closedExactly30, untouched91, untouchedExactly90);
        assertThat(f.store.count()).isEqualTo(2);
        assertThat(f.store.get(closedRecently)).isPresent();
        assertThat(f.store.get(untouched89)).isPresent();
        assertThat(report.blobs()).isEqualTo(3);
        goneBlobs.forEach(id -> assertThat(f.blobExists(id)).isFalse());
        keptBlobs.forEach(id -> assertThat(f.blobExists(id)).isTrue());
    }

    @Test
    void purgeKeepsHeldRecordsUntilTheHoldEnds() {
        long heldAhead = f.record(HANDLE, 200, 0);
        f.hold(heldAhead, NOW.plusSeconds(1));
        long holdEnded = f.record(HANDLE, 200, 0);
        f.hold(holdEnded, NOW);

        assertThat(f.purge().run().records()).containsExactly(holdEnded);
        assertThat(f.store.get(heldAhead)).isPresent();
        assertThat(f.purge(RetentionFixture.config(), NOW.plusSeconds(1)).run().records())
                .containsExactly(heldAhead);
    }

    @Test
    void everyDeletedRecordIsAuditedWithItsRuleAndActor() {
        long closed = f.record(HANDLE, 40, 0);
        f.close(closed, 31);
        long untouched = f.record(HANDLE, 100, 0);

        f.purge().run();

        assertThat(f.store.audit().forRecord(closed))
                .extracting(AuditEvent::action, AuditEvent::detail, AuditEvent::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RetentionStore.PURGED, Optional.of("closed"), "tester"));
        assertThat(f.store.audit().forRecord(untouched))
                .extracting(AuditEvent::detail)
                .containsExactly(Optional.of("untouched"));
    }

    @Test
    void tagsAndNotesGoWithTheirRecord() {
        long gone = f.record(HANDLE, 100, 0);
        long kept = f.record(HANDLE, 1, 0);
        for (long id : List.of(gone, kept)) {
            f.sql("INSERT INTO record_tags (record_id, tag) VALUES (?, 'leak')", id);
            f.sql("INSERT INTO record_notes (record_id, at, actor, sealed_note) VALUES (?, 1, 'a', ?)", id, new byte[] {
                1, 2
            });
        }

        f.purge().run();

        assertThat(f.count("SELECT COUNT(*) FROM record_tags")).isEqualTo(1);
        assertThat(f.count("SELECT COUNT(*) FROM record_notes")).isEqualTo(1);
        assertThat(f.count("SELECT COUNT(*) FROM record_tags WHERE record_id = " + kept))
                .isEqualTo(1);
    }

    @Test
    void manyRecordsGoInSeveralBatches() {
        for (int i = 0; i < Purge.BATCH * 2 + 5; i++) {
            f.record(HANDLE, 100, 0);
        }
        long kept = f.record(HANDLE, 1, 0);

        assertThat(f.purge().run().records()).hasSize(Purge.BATCH * 2 + 5);
        assertThat(f.store.count()).isEqualTo(1);
        assertThat(f.store.get(kept)).isPresent();
    }

    @Test
    void dryRunReportsTheSameAndDeletesNothing() {
        long gone = f.record(HANDLE, 100, 2);
        f.record(HANDLE, 1, 0);
        f.store.quarantine(Channel.EMAIL, daysAgo(20), "bad-input", key(9), Optional.of(f.blob("original")));

        PurgeReport dry = f.purge().dryRun();

        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.records()).containsExactly(gone);
        assertThat(dry.blobs()).isEqualTo(2);
        assertThat(dry.quarantine()).isEqualTo(1);
        assertThat(f.store.count()).isEqualTo(2);
        assertThat(f.store.quarantineCount()).isEqualTo(1);
        blobsOf(gone).forEach(id -> assertThat(f.blobExists(id)).isTrue());
        PurgeReport real = f.purge().run();
        assertThat(real.records()).isEqualTo(dry.records());
        assertThat(real.quarantine()).isEqualTo(dry.quarantine());
    }

    @Test
    void oneFailedBlobDeletionDoesNotStopTheOthersAndIsCounted() {
        long gone = f.record(HANDLE, 100, 3);
        List<String> ids = blobsOf(gone);
        String failing = ids.get(1);
        BlobStore failingOnce = new BlobStore() {
            @Override
            public PendingBlob create() {
                return f.blobs.create();
            }

            @Override
            public java.io.InputStream open(String id) {
                return f.blobs.open(id);
            }

            @Override
            public void delete(String id) {
                if (id.equals(failing)) {
                    throw new StoreException("could not delete a blob");
                }
                f.blobs.delete(id);
            }

            @Override
            public int sweep(java.util.Set<String> referenced) {
                return f.blobs.sweep(referenced);
            }
        };
        Purge purge = new Purge(
                f.store,
                failingOnce,
                Optional.empty(),
                new RetentionPolicy(RetentionFixture.config()),
                java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC),
                "tester");

        PurgeReport report = purge.run();

        assertThat(report.records()).containsExactly(gone);
        assertThat(report.blobs()).isEqualTo(2);
        assertThat(report.blobFailures()).isEqualTo(1);
        ids.stream()
                .filter(id -> !id.equals(failing))
                .forEach(id -> assertThat(f.blobExists(id)).isFalse());
        assertThat(f.blobExists(failing)).isTrue();
    }

    @Test
    void quarantineEntriesGoWithTheirOriginalAfterQuarantineDays() {
        BlobRef oldOriginal = f.blob("old original");
        BlobRef newOriginal = f.blob("new original");
        f.store.quarantine(Channel.EMAIL, daysAgo(14), "bad-input", key(1), Optional.of(oldOriginal));
        f.store.quarantine(Channel.EMAIL, daysAgo(15), "bad-input", key(2), Optional.empty());
        f.store.quarantine(Channel.EMAIL, daysAgo(13), "bad-input", key(3), Optional.of(newOriginal));

        PurgeReport report = f.purge().run();

        assertThat(report.quarantine()).isEqualTo(2);
        assertThat(f.store.quarantined(10))
                .singleElement()
                .satisfies(q -> assertThat(q.originalBlob()).contains(newOriginal.id()));
        assertThat(f.blobExists(oldOriginal.id())).isFalse();
        assertThat(f.blobExists(newOriginal.id())).isTrue();
        assertThat(f.store.contains(key(1))).isFalse();
    }

    @Test
    void setAsideSpoolItemsOlderThanQuarantineDaysAreDeleted() throws Exception {
        String old = f.spool.put(new byte[] {1});
        String recent = f.spool.put(new byte[] {2});
        String pending = f.spool.put(new byte[] {3});
        f.spool.setAside(old);
        f.spool.setAside(recent);
        f.arrived(old, ".held", daysAgo(15));
        f.arrived(recent, ".held", daysAgo(13));
        f.arrived(pending, ".item", daysAgo(100));

        PurgeReport report = f.purge().run();

        assertThat(report.spoolSetAside()).isEqualTo(1);
        assertThat(f.spool.depth()).isEqualTo(new Spool.Depth(1, 1));
        assertThat(f.spool.pending(10)).containsExactly(pending);
        assertThatThrownBy(() -> f.spool.read(old)).isInstanceOf(StoreException.class);
    }

    @Test
    void zeroDaysEverywhereDeletesNothing() {
        f.record(HANDLE, 10_000, 1);
        f.store.quarantine(Channel.EMAIL, daysAgo(10_000), "bad-input", key(1), Optional.empty());

        PurgeReport report =
                f.purge(RetentionPolicyTest.config(0, 0, 0, 0), NOW).run();

        assertThat(report.deletedAnything()).isFalse();
        assertThat(f.store.count()).isEqualTo(1);
        assertThat(f.store.quarantineCount()).isEqualTo(1);
    }

    private List<String> blobsOf(long... ids) {
        List<String> out = new java.util.ArrayList<>();
        for (long id : ids) {
            out.addAll(f.store.get(id).map(StoredRecord::attachmentBlobs).orElseThrow());
        }
        return out;
    }

    static byte[] key(int n) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) n);
        return key;
    }
}
