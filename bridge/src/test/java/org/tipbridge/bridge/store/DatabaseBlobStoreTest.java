// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.conf.StoreConfig;

/** Blobs in the database, on the engine the run selects (PostgreSQL uses them; SQLite's tables stay unused). */
class DatabaseBlobStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(T0);
    private StoreConfig config;
    private Transactor tx;
    private DatabaseBlobStore blobs;

    @BeforeEach
    void open() {
        config = TestDatabases.store(tmp);
        tx = TestDatabases.unlockedTransactor(config);
        blobs = new DatabaseBlobStore(tx, clock, new SecureRandom());
    }

    @AfterEach
    void close() {
        tx.close();
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private BlobRef write(DatabaseBlobStore store, byte[] data) throws Exception {
        try (PendingBlob blob = store.create()) {
            try (OutputStream out = blob.out()) {
                out.write(data, 0, 10);
                out.write(data, 10, data.length - 10);
            }
            return blob.finish();
        }
    }

    private int rows(String table) {
        return tx.run("count", c ->
                (int) Sql.optionalLong(c, "SELECT COUNT(*) FROM " + table).orElse(0));
    }

    @Test
    void largeBlobRoundTripsInChunks() throws Exception {
        byte[] data = random(2 * DatabaseBlobStore.CHUNK_BYTES + 123);

        BlobRef ref = write(blobs, data);

        assertThat(ref.size()).isEqualTo(data.length);
        assertThat(rows("blob_chunks")).isEqualTo(3);
        try (InputStream in = blobs.open(ref.id())) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void emptyBlobRoundTrips() throws Exception {
        BlobRef ref;
        try (PendingBlob blob = blobs.create()) {
            ref = blob.finish();
        }

        assertThat(ref.size()).isZero();
        try (InputStream in = blobs.open(ref.id())) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void unfinishedBlobCannotBeOpenedAndClosingAbandonsIt() throws Exception {
        String id;
        try (PendingBlob blob = blobs.create()) {
            blob.out().write(random(1000));
            blob.out().close();
            id = blob.finish().id();
            blobs.delete(id);
        }
        PendingBlob unfinished = blobs.create();
        unfinished.out().write(random(DatabaseBlobStore.CHUNK_BYTES + 1));

        assertThatThrownBy(() -> blobs.open(id)).isInstanceOf(StoreException.BlobNotFound.class);
        unfinished.close();
        assertThat(rows("blobs")).isZero();
        assertThat(rows("blob_chunks")).isZero();
    }

    @Test
    void abandonAfterFinishDeletesTheBlob() throws Exception {
        PendingBlob blob = blobs.create();
        blob.out().write(random(10));
        String id = blob.finish().id();

        blob.abandon();

        assertThatThrownBy(() -> blobs.open(id)).isInstanceOf(StoreException.BlobNotFound.class);
    }

    @Test
    void deleteIsIdempotentAndMalformedIdsAreNotFound() throws Exception {
        BlobRef ref = write(blobs, random(100));

        blobs.delete(ref.id());
        blobs.delete(ref.id());

        assertThatThrownBy(() -> blobs.open(ref.id())).isInstanceOf(StoreException.BlobNotFound.class);
        assertThatThrownBy(() -> blobs.open("../etc/passwd")).isInstanceOf(StoreException.BlobNotFound.class);
        assertThat(rows("blob_chunks")).isZero();
    }

    @Test
    void sweepWaitsForTheSafetyAgeAndKeepsReferencedBlobs() throws Exception {
        BlobRef referenced = write(blobs, random(100));
        BlobRef unreferenced = write(blobs, random(100));
        DatabaseBlobStore otherNode = new DatabaseBlobStore(tx, clock, new SecureRandom());
        PendingBlob otherNodesPending = otherNode.create();
        otherNodesPending.out().write(random(10));
        PendingBlob ownPending = blobs.create();

        clock.advance(DatabaseBlobStore.SWEEP_SAFETY_AGE.minus(Duration.ofMinutes(1)));
        assertThat(blobs.sweep(Set.of(referenced.id()))).isZero();

        clock.advance(Duration.ofMinutes(2));
        assertThat(blobs.sweep(Set.of(referenced.id()))).isEqualTo(2);

        try (InputStream in = blobs.open(referenced.id())) {
            assertThat(in.readAllBytes()).hasSize(100);
        }
        assertThatThrownBy(() -> blobs.open(unreferenced.id())).isInstanceOf(StoreException.BlobNotFound.class);
        assertThat(ownPending.finish().size()).isZero();
    }

    @Test
    void blobDeletedWhileBeingWrittenCannotBeFinished() throws Exception {
        PendingBlob blob = blobs.create();
        blob.out().write(random(10));
        clock.advance(DatabaseBlobStore.SWEEP_SAFETY_AGE.plus(Duration.ofMinutes(1)));
        new DatabaseBlobStore(tx, clock, new SecureRandom()).sweep(Set.of());

        assertThatThrownBy(blob::finish).isInstanceOf(StoreException.class);
        assertThat(rows("blob_chunks")).isZero();
    }
}
