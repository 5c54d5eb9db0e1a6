// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.conf.StoreConfig;

/** What only the PostgreSQL engine does: the store lock, blobs and spool in the database, careful errors. */
class PostgresRecordStoreTest {

    @TempDir
    Path tmp;

    private StoreConfig config;

    @BeforeEach
    void onlyOnPostgresql() {
        assumeTrue(TestDatabases.postgresql(), "run with -Dtipbridge.test.engine=postgresql");
        config = TestDatabases.store(tmp);
    }

    @Test
    void blobsLiveInTheDatabaseAndTheSignalSpoolOnTheNode() throws Exception {
        try (Storage storage = Storage.open(config, Clock.systemUTC())) {
            BlobRef ref;
            try (PendingBlob blob = storage.blobs().create()) {
                try (OutputStream out = blob.out()) {
                    out.write(new byte[] {1, 2, 3});
                }
                ref = blob.finish();
            }
            storage.openSignalSpool().put(new byte[] {4});
            try (InputStream in = storage.blobs().open(ref.id())) {
                assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
            }
            assertThat(storage.sharedDataSource()).isPresent();
            assertThat(storage.openSignalSpool().depth()).isEqualTo(new Spool.Depth(1, 0));
        }
        assertThat(Files.exists(config.blobDir())).isFalse();
        // The Signal spool is the receiving node's own directory, on either engine.
        assertThat(Files.isDirectory(config.blobDir().resolveSibling("signal-spool")))
                .isTrue();
    }

    @Test
    void storeLockMakesTheOtherNodeWaitButNotBlobWrites() throws Exception {
        com.zaxxer.hikari.HikariDataSource poolA = PostgresRecordStore.pool(config);
        try (Transactor nodeA = new PooledTransactor(poolA, true, poolA::close);
                Storage nodeB = Storage.open(config, Clock.systemUTC())) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> nodeA.run("hold the lock", c -> {
                holding.countDown();
                return awaitQuietly(release);
            }));
            holding.await(30, TimeUnit.SECONDS);
            AtomicBoolean secondRan = new AtomicBoolean();
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> {
                int count = nodeB.records().count();
                secondRan.set(true);
                return count;
            });
            awaitOneWaiterOnTheStoreLock();

            try (PendingBlob blob = nodeB.blobs().create()) {
                blob.out().write(new byte[DatabaseBlobStore.CHUNK_BYTES + 1]);
                assertThat(blob.finish().size()).isEqualTo(DatabaseBlobStore.CHUNK_BYTES + 1);
            }
            assertThat(secondRan).isFalse();
            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(second.get(30, TimeUnit.SECONDS)).isZero();
        }
    }

    private static int awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS) ? 1 : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void awaitOneWaiterOnTheStoreLock() throws Exception {
        try (Connection c = TestDatabases.connect(config);
                Statement s = c.createStatement()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                try (ResultSet rs =
                        s.executeQuery("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
                    rs.next();
                    if (rs.getInt(1) == 1) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
        throw new AssertionError("the second node never waited for the store lock");
    }

    @Test
    void errorsCarryNeitherServerTextNorTheCause() {
        try (Transactor tx = TestDatabases.unlockedTransactor(config)) {
            assertThatThrownBy(() -> tx.run("convert a value", c -> {
                        try (Statement s = c.createStatement()) {
                            return s.execute("SELECT CAST('amber-otter-secret' AS INTEGER)");
                        }
                    }))
                    .isInstanceOf(StoreException.class)
                    .hasNoCause()
                    .hasMessage("cannot convert a value (SQL state 22P02)");
        }
    }

    @Test
    void failedConnectionRepeatsNeitherUrlNorPassword() throws Exception {
        Path password = Files.writeString(tmp.resolve("pg-password"), "hunter2-password\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
        StoreConfig unreachable = new StoreConfig(
                "jdbc:postgresql://127.0.0.1:1/tips?ssl=false&options=secret-option",
                tmp.resolve("blobs"),
                Optional.of("tipbridge"),
                Optional.of(password));

        assertThatThrownBy(() -> RecordStore.open(unreachable))
                .isInstanceOf(StoreException.class)
                .hasNoCause()
                .message()
                .doesNotContain("secret-option")
                .doesNotContain("hunter2")
                .doesNotContain("127.0.0.1")
                .contains("[store] url");
    }

    @Test
    void passwordFileReadableByOthersIsRefused() throws Exception {
        Path password = Files.writeString(tmp.resolve("pg-password"), "hunter2-password\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-r--r--"));
        StoreConfig loose = new StoreConfig(
                config.url(), config.blobDir(), Optional.of(TestPostgres.SUPERUSER), Optional.of(password));

        assertThatThrownBy(() -> RecordStore.open(loose))
                .isInstanceOf(StoreException.class)
                .message()
                .contains("chmod 600")
                .doesNotContain("hunter2");
    }

    @Test
    void passwordIsReadFromTheFileWithoutItsLineBreak() throws Exception {
        Path password = Files.writeString(tmp.resolve("pg-password"), "s3cret pass\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));

        assertThat(PostgresRecordStore.password(password)).isEqualTo("s3cret pass");
    }
}
