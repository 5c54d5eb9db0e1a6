// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite with secure_delete, then {@link org.tipbridge.bridge.store.RecordStore#reclaim()}: the bytes leave the files. */
class DeletionReachesTheFileTest {
    private static final String HANDLE = "amber-otter-7K4QX";

    @TempDir
    Path tmp;

    @Test
    void purgedRecordsBytesAreInNeitherTheDatabaseNorItsWal() throws Exception {
        // SQLite's promise; what PostgreSQL keeps is documented (operator guide, retention).
        org.junit.jupiter.api.Assumptions.assumeFalse(org.tipbridge.bridge.store.TestDatabases.postgresql());
        byte[] marker = TraceScan.utf8("SEALED-RECORD-MARKER-" + UUID.randomUUID());
        Path db;
        try (RetentionFixture f = new RetentionFixture(tmp)) {
            db = f.db;
            long gone = f.record(HANDLE, 100, 0, marker);
            for (int i = 0; i < 50; i++) {
                f.record(HANDLE, 1, 0);
            }
            assertThat(hits(db, marker))
                    .as("the marker is on disk before the purge")
                    .isNotEmpty();

            assertThat(f.purge().run().records()).containsExactly(gone);
            f.store.reclaim();

            assertThat(hits(db, marker)).isEmpty();
            assertThat(f.store.count()).isEqualTo(50);
        }
        assertThat(hits(db, marker)).isEmpty();
    }

    @Test
    void reclaimOnAnEmptyDatabaseIsHarmless() {
        try (RetentionFixture f = new RetentionFixture(tmp)) {
            f.store.reclaim();
            f.store.reclaim();
            assertThat(f.store.count()).isZero();
        }
    }

    /** The database, WAL and shared-memory files holding the marker. */
    private static List<Path> hits(Path db, byte[] marker) throws IOException {
        List<Path> hits = new ArrayList<>();
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            Path file = db.resolveSibling(db.getFileName() + suffix);
            if (Files.exists(file) && TraceScan.contains(Files.readAllBytes(file), marker)) {
                hits.add(file);
            }
        }
        return hits;
    }
}
