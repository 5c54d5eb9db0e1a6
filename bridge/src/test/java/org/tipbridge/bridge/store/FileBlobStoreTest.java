// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlobStoreTest {

    @TempDir
    Path tmp;

    private FileBlobStore store() {
        return new FileBlobStore(tmp.resolve("blobs"));
    }

    private static BlobRef write(BlobStore store, String content) throws IOException {
        try (PendingBlob pending = store.create()) {
            pending.out().write(content.getBytes(StandardCharsets.UTF_8));
            return pending.finish();
        }
    }

    @Test
    void finishedBlobReadsBack() throws IOException {
        FileBlobStore store = store();
        BlobRef ref = write(store, "ciphertext");
        assertThat(ref.size()).isEqualTo(10);
        try (InputStream in = store.open(ref.id())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ciphertext");
        }
    }

    @Test
    void blobIdsAreRandomNotDerivedFromContent() throws IOException {
        FileBlobStore store = store();
        BlobRef first = write(store, "same");
        BlobRef second = write(store, "same");
        assertThat(first.id()).matches("[0-9a-f]{32}").isNotEqualTo(second.id());
    }

    @Test
    void blobFilesAreOwnerOnly() throws IOException {
        FileBlobStore store = store();
        try (PendingBlob pending = store.create()) {
            pending.out().write(1);
            pending.out().flush();
            try (var partials = Files.list(tmp.resolve("blobs"))) {
                Path partial = partials.findFirst().orElseThrow();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(partial)))
                        .isEqualTo("rw-------");
            }
            BlobRef ref = pending.finish();
            Path file = tmp.resolve("blobs").resolve(ref.id());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("blobs"))))
                .isEqualTo("rwx------");
    }

    @Test
    void existingBlobDirectoryIsTightened() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("loose"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        new FileBlobStore(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
    }

    @Test
    void blobStreamsLargeContentWithoutBuffering() throws Exception {
        FileBlobStore store = store();
        MessageDigest written = sha256();
        byte[] chunk = new byte[64 * 1024];
        Random random = new Random(7);
        int chunks = 800; // 50 MiB
        long onDiskHalfway = -1;
        BlobRef ref;
        try (PendingBlob pending = store.create()) {
            OutputStream out = pending.out();
            for (int i = 0; i < chunks; i++) {
                random.nextBytes(chunk);
                written.update(chunk);
                out.write(chunk);
                if (i == chunks / 2) {
                    onDiskHalfway = partialSize();
                }
            }
            ref = pending.finish();
        }
        assertThat(onDiskHalfway)
                .as("bytes already on disk halfway")
                .isGreaterThan((long) chunks / 2 * chunk.length - 2 * chunk.length);
        assertThat(ref.size()).isEqualTo((long) chunks * chunk.length);
        MessageDigest read = sha256();
        try (InputStream in = new DigestInputStream(store.open(ref.id()), read)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        assertThat(read.digest()).isEqualTo(written.digest());
    }

    private long partialSize() throws IOException {
        try (var files = Files.list(tmp.resolve("blobs"))) {
            Path partial = files.filter(p -> p.toString().endsWith(FileBlobStore.PARTIAL_SUFFIX))
                    .findFirst()
                    .orElseThrow();
            return Files.size(partial);
        }
    }

    @Test
    void closingTheStreamDoesNotEndTheBlob() throws IOException {
        FileBlobStore store = store();
        try (PendingBlob pending = store.create()) {
            pending.out().write(new byte[] {1, 2, 3});
            pending.out().close();
            assertThat(pending.finish().size()).isEqualTo(3);
        }
    }

    @Test
    void abandonAndUnfinishedCloseLeaveNothing() throws IOException {
        FileBlobStore store = store();
        try (PendingBlob pending = store.create()) {
            pending.out().write(1);
            pending.abandon();
        }
        try (PendingBlob pending = store.create()) {
            pending.out().write(2);
        }
        PendingBlob finished = store.create();
        finished.out().write(3);
        finished.finish();
        finished.abandon();
        try (var files = Files.list(tmp.resolve("blobs"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void openingAnUnknownBlobIsNotFound() {
        FileBlobStore store = store();
        assertThatThrownBy(() -> store.open("0123456789abcdef0123456789abcdef"))
                .isInstanceOf(StoreException.BlobNotFound.class);
        assertThatThrownBy(() -> store.open("../../etc/passwd")).isInstanceOf(StoreException.BlobNotFound.class);
    }

    @Test
    void deleteRemovesTheBlob() throws IOException {
        FileBlobStore store = store();
        BlobRef ref = write(store, "x");
        store.delete(ref.id());
        store.delete(ref.id());
        assertThatThrownBy(() -> store.open(ref.id())).isInstanceOf(StoreException.BlobNotFound.class);
    }

    @Test
    void sweepRemovesUnreferencedBlobs() throws IOException {
        FileBlobStore store = store();
        Path dir = tmp.resolve("blobs");
        BlobRef kept = write(store, "kept");
        BlobRef orphan = write(store, "orphan");
        Files.write(dir.resolve("fedcba9876543210fedcba9876543210" + FileBlobStore.PARTIAL_SUFFIX), new byte[] {1});
        Files.write(dir.resolve("NOTES.txt"), new byte[] {1});
        try (PendingBlob inFlight = store.create()) {
            inFlight.out().write(5);

            assertThat(store.sweep(Set.of(kept.id()))).isEqualTo(2);

            assertThat(inFlight.finish().size()).isEqualTo(1);
        }
        assertThat(dir.resolve(kept.id())).exists();
        assertThat(dir.resolve(orphan.id())).doesNotExist();
        assertThat(dir.resolve("NOTES.txt")).exists();
    }

    private static MessageDigest sha256() throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-256");
    }
}
