// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.conf.StoreConfig;

class SqliteRecordStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path tmp;

    private Path dbFile;
    private StoreConfig config;
    private RecordStore store;

    @BeforeEach
    void open() {
        dbFile = tmp.resolve("data").resolve("tipbridge.db");
        config = TestDatabases.store(tmp);
        store = RecordStore.open(config);
    }

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] key(int n) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) n);
        return key;
    }

    static NewRecord record(String handle, Instant received, int dedupe, String... attachmentBlobs) {
        List<BlobRef> attachments =
                Arrays.stream(attachmentBlobs).map(id -> new BlobRef(id, 100)).toList();
        return new NewRecord(
                handle,
                Channel.EMAIL,
                received,
                key(dedupe),
                ("sealed-" + dedupe).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                attachments);
    }

    @Test
    void commitIsIdempotentByDedupeKey() {
        CommitResult first = store.commit(record("amber-otter-7K4QX", T0, 1, "a1", "a2"));
        CommitResult again = store.commit(record("amber-otter-7K4QX", T0, 1, "a1", "a2"));

        assertThat(first.duplicate()).isFalse();
        assertThat(again).isEqualTo(new CommitResult(first.id(), true));
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.get(first.id()).orElseThrow().attachmentBlobs()).containsExactly("a1", "a2");
        assertThat(store.contains(key(1))).isTrue();
        assertThat(store.contains(key(2))).isFalse();
    }

    @Test
    void commitAllIsOneTransactionAndReportsDuplicatesInOrder() {
        long existing = store.commit(record("amber-otter-7K4QX", T0, 1)).id();
        List<CommitResult> results = store.commitAll(List.of(
                record("amber-otter-7K4QX", T0, 2),
                record("amber-otter-7K4QX", T0, 1),
                record("brave-panda-22222", T0, 2)));

        assertThat(results.get(0).duplicate()).isFalse();
        assertThat(results.get(1)).isEqualTo(new CommitResult(existing, true));
        assertThat(results.get(2)).isEqualTo(new CommitResult(results.get(0).id(), true));
        assertThat(store.count()).isEqualTo(2);
    }

    @Test
    void getReturnsSummaryAndOrderedBlobs() {
        long id =
                store.commit(record("amber-otter-7K4QX", T0, 1, "b", "a", "c")).id();

        StoredRecord stored = store.get(id).orElseThrow();

        assertThat(stored.summary())
                .isEqualTo(new RecordSummary(
                        id,
                        "amber-otter-7K4QX",
                        Channel.EMAIL,
                        T0,
                        "new",
                        3,
                        308,
                        Optional.empty(),
                        List.of(),
                        T0,
                        Optional.empty(),
                        Optional.empty()));
        assertThat(new String(stored.sealedRecord(), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("sealed-1");
        assertThat(stored.attachmentBlobs()).containsExactly("b", "a", "c");
        assertThat(store.get(id + 1)).isEmpty();
    }

    @Test
    void listIsNewestFirst() {
        long old = store.commit(record("h-a-00000", T0, 1)).id();
        long newest = store.commit(record("h-b-00000", T0.plusSeconds(60), 2)).id();
        long tieFirst = store.commit(record("h-c-00000", T0.plusSeconds(30), 3)).id();
        long tieSecond =
                store.commit(record("h-d-00000", T0.plusSeconds(30), 4)).id();

        assertThat(store.list(10)).extracting(RecordSummary::id).containsExactly(newest, tieSecond, tieFirst, old);
        assertThat(store.list(2)).extracting(RecordSummary::id).containsExactly(newest, tieSecond);
    }

    @Test
    void recordIdsAreNotReusedAfterReopening() {
        long first = store.commit(record("h", T0, 1)).id();
        store.close();
        store = RecordStore.open(config);
        long second = store.commit(record("h", T0, 2)).id();
        assertThat(second).isGreaterThan(first);
        assertThat(store.count()).isEqualTo(2);
    }

    @Test
    void quarantineIsIdempotentByDedupeKey() {
        long first = store.quarantine(Channel.SIGNAL, T0, "malformed-mime", key(9), Optional.of(new BlobRef("q", 42)));
        long again = store.quarantine(Channel.SIGNAL, T0, "malformed-mime", key(9), Optional.empty());
        long other = store.quarantine(Channel.EMAIL, T0.plusSeconds(5), "too-deep", key(8), Optional.empty());

        assertThat(again).isEqualTo(first);
        assertThat(store.quarantined(10))
                .containsExactly(
                        new QuarantineEntry(other, Channel.EMAIL, T0.plusSeconds(5), "too-deep", Optional.empty(), 0),
                        new QuarantineEntry(first, Channel.SIGNAL, T0, "malformed-mime", Optional.of("q"), 42));
        assertThat(store.contains(key(9))).isTrue();
        assertThat(store.count()).isZero();
    }

    @Test
    void referencedBlobsCoverAttachmentsAndQuarantine() {
        store.commit(record("h", T0, 1, "a1", "a2"));
        store.quarantine(Channel.EMAIL, T0, "too-deep", key(2), Optional.of(new BlobRef("q1", 1)));
        store.quarantine(Channel.EMAIL, T0, "too-deep", key(3), Optional.empty());

        assertThat(store.referencedBlobs()).containsExactlyInAnyOrder("a1", "a2", "q1");
    }

    @Test
    void databaseIsDurableAndSecureDeleting() {
        assumeFalse(TestDatabases.postgresql(), "SQLite pragmas");
        assertThat(((SqlRecordStore) store).settings())
                .containsEntry("journal_mode", "wal")
                .containsEntry("synchronous", "2")
                .containsEntry("secure_delete", "1")
                .containsEntry("foreign_keys", "1");
    }

    @Test
    void databaseFilesAreOwnerOnly() throws Exception {
        assumeFalse(TestDatabases.postgresql(), "the SQLite file's permissions");
        store.commit(record("h", T0, 1));
        try (var files = Files.list(dbFile.getParent())) {
            assertThat(files.toList())
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(file -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                            .isEqualTo("rw-------"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dbFile.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void createMappingReturnsTheExistingMappingOfALookupKey() {
        HandleMapping created = store.createMapping(key(1), "amber-otter-7K4QX", new byte[] {1}, T0);
        HandleMapping raced = store.createMapping(key(1), "brave-panda-22222", new byte[] {2}, T0.plusSeconds(1));

        assertThat(raced).isEqualTo(created);
        assertThat(store.findMapping(key(1))).contains(created);
        assertThat(store.findByHandle("amber-otter-7K4QX")).contains(created);
        assertThat(store.findByHandle("brave-panda-22222")).isEmpty();
    }

    @Test
    void createMappingRefusesAHandleOfAnotherSender() {
        store.createMapping(key(1), "amber-otter-7K4QX", new byte[] {1}, T0);

        assertThatThrownBy(() -> store.createMapping(key(2), "amber-otter-7K4QX", new byte[] {2}, T0))
                .isInstanceOf(StoreException.HandleTaken.class);
        assertThat(store.findMapping(key(2))).isEmpty();
    }

    @Test
    void updateMappingReplacesSealedAddressAndLastSeen() {
        store.createMapping(key(1), "amber-otter-7K4QX", new byte[] {1}, T0);
        store.updateMapping("amber-otter-7K4QX", new byte[] {7, 7}, T0.plusSeconds(3600));

        HandleMapping updated = store.findByHandle("amber-otter-7K4QX").orElseThrow();
        assertThat(updated.sealedReplyAddress()).containsExactly(7, 7);
        assertThat(updated.lastSeen()).isEqualTo(T0.plusSeconds(3600));
        assertThat(updated.lookupKey()).isEqualTo(key(1));
    }

    @Test
    void errorsDoNotNameTheRowsTheyConcern() {
        assertThatThrownBy(() -> store.updateMapping("amber-otter-7K4QX", new byte[] {1}, T0))
                .isInstanceOf(StoreException.class)
                .message()
                .doesNotContain("amber");
    }

    @Test
    void unsupportedUrlsAreRefusedWithoutRepeatingThem() {
        assertThatThrownBy(() -> RecordStore.open(new StoreConfig("jdbc:mysql://tips:hunter2@db/tips", tmp)))
                .isInstanceOf(StoreException.class)
                .message()
                .doesNotContain("hunter2")
                .contains("jdbc:postgresql://HOST:PORT/DATABASE");
        assertThatThrownBy(() -> RecordStore.open(new StoreConfig("jdbc:sqlite::memory:", tmp)))
                .isInstanceOf(StoreException.class);
    }
}
