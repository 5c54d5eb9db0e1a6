// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.retention;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tipbridge.bridge.store.BlobRef;
import org.tipbridge.bridge.store.BlobStore;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.NewRecord;
import org.tipbridge.bridge.store.PendingBlob;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.Spool;
import org.tipbridge.bridge.store.Storage;
import org.tipbridge.bridge.store.TestDatabases;
import org.tipbridge.conf.RetentionConfig;
import org.tipbridge.conf.StoreConfig;

/**
 * A real store of the engine under test (SQLite with blob files and a spool directory, or PostgreSQL
 * with blobs and spool in the database: {@link TestDatabases}), with records seeded at chosen ages
 * straight through SQL, and a purge at a fixed {@link #NOW}.
 */
public final class RetentionFixture implements AutoCloseable {
    public static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    final StoreConfig config;
    final Path db;
    final Path blobDir;
    final Storage storage;
    final RecordStore store;
    final BlobStore blobs;
    final Spool spool;

    RetentionFixture(Path tmp) {
        config = TestDatabases.store(tmp);
        db = tmp.resolve("data").resolve("tipbridge.db");
        blobDir = config.blobDir();
        storage = Storage.open(config, Clock.systemUTC());
        store = storage.records();
        blobs = storage.blobs();
        spool = storage.openSignalSpool();
    }

    /**
     * Backdates a spool item's arrival: its file's modification time ({@code suffix} ".item" while
     * pending, ".held" once set aside; the spool is a node-local directory on either engine).
     */
    void arrived(String id, String suffix, Instant at) throws IOException {
        Files.setLastModifiedTime(
                blobDir.resolveSibling("signal-spool").resolve(id + suffix), java.nio.file.attribute.FileTime.from(at));
    }

    /** Whether the blob is still stored: its file on SQLite, its row on PostgreSQL. */
    boolean blobExists(String id) {
        if (!TestDatabases.postgresql()) {
            return Files.exists(blobDir.resolve(id));
        }
        try (Connection c = TestDatabases.connect(config);
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM blobs WHERE id = ?")) {
            s.setString(1, id);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** closed_days 30, untouched_days 90, handle_idle_days 60, quarantine_days 14, warn 7. */
    static RetentionConfig config() {
        return RetentionPolicyTest.config(30, 90, 60, 14);
    }

    Purge purge() {
        return purge(config(), NOW);
    }

    Purge purge(RetentionConfig config, Instant now) {
        return new Purge(
                store,
                blobs,
                Optional.of(spool),
                new RetentionPolicy(config),
                Clock.fixed(now, ZoneOffset.UTC),
                "tester");
    }

    static Instant daysAgo(double days) {
        return NOW.minusSeconds((long) (days * 86_400));
    }

    /** A record of {@code handle} received and last touched {@code touchedDaysAgo}, with fresh blob files. */
    long record(String handle, double touchedDaysAgo, int blobCount) {
        return record(handle, touchedDaysAgo, blobCount, "sealed record".getBytes(StandardCharsets.US_ASCII));
    }

    long record(String handle, double touchedDaysAgo, int blobCount, byte[] sealed) {
        List<BlobRef> refs = new ArrayList<>();
        for (int i = 0; i < blobCount; i++) {
            refs.add(blob("attachment " + i));
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Instant at = daysAgo(touchedDaysAgo);
        return store.commit(new NewRecord(handle, Channel.EMAIL, at, key, sealed, refs))
                .id();
    }

    BlobRef blob(String content) {
        try (PendingBlob pending = blobs.create()) {
            pending.out().write(content.getBytes(StandardCharsets.UTF_8));
            return pending.finish();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    void close(long id, double daysAgo) {
        sql(
                "UPDATE records SET status = 'closed', closed_at = ? WHERE id = ?",
                daysAgo(daysAgo).getEpochSecond(),
                id);
    }

    void hold(long id, Instant until) {
        sql("UPDATE records SET keep_until = ? WHERE id = ?", until.getEpochSecond(), id);
    }

    void mapping(String handle, byte[] lookupKey, byte[] sealedReply, double lastSeenDaysAgo) {
        store.createMapping(lookupKey, handle, sealedReply, daysAgo(lastSeenDaysAgo));
    }

    /** Runs one statement with long, String or byte[] parameters on a second connection. */
    void sql(String statement, Object... parameters) {
        sql(config, statement, parameters);
    }

    /** The same, on the database of {@code config} (for other tests' homes). */
    public static void sql(StoreConfig config, String statement, Object... parameters) {
        try (Connection c = TestDatabases.connect(config);
                PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row of {@code query}, as a number. */
    long count(String query) {
        try (Connection c = TestDatabases.connect(config);
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Duration days(int n) {
        return Duration.ofDays(n);
    }

    @Override
    public void close() {
        storage.close();
    }
}
