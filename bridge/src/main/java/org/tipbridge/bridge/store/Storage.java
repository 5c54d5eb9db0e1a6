// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.tipbridge.conf.StoreConfig;

/**
 * The parts of one store engine, opened together: on SQLite, the database file, blobs as files in
 * {@code blob_dir} and the Signal spool in {@code signal-spool} next to it; on PostgreSQL, one
 * pool for the record store (under the store lock), blobs and the spool in the database, and the
 * pool itself for a clustered job store. Closing it closes the record store and then the pool.
 */
public final class Storage implements AutoCloseable {

    /** The SQLite engine's Signal spool directory, next to {@code blob_dir}. */
    private static final String SIGNAL_SPOOL = "signal-spool";

    private final RecordStore records;
    private final BlobStore blobs;
    private final Supplier<Spool> signalSpool;
    private final Supplier<Optional<Spool>> attachedSpool;
    private final Optional<HikariDataSource> pool;

    private Storage(
            RecordStore records,
            BlobStore blobs,
            Supplier<Spool> signalSpool,
            Supplier<Optional<Spool>> attachedSpool,
            Optional<HikariDataSource> pool) {
        this.records = records;
        this.blobs = blobs;
        this.signalSpool = signalSpool;
        this.attachedSpool = attachedSpool;
        this.pool = pool;
    }

    /** Opens (creating and migrating as needed) the engine {@code config.url()} selects. */
    public static Storage open(StoreConfig config, Clock clock) {
        if (config.postgresql()) {
            return postgresql(config, clock);
        }
        Path blobDir = config.blobDir();
        RecordStore records = StoreUrls.open(config);
        try {
            return new Storage(
                    records,
                    new FileBlobStore(blobDir),
                    () -> FileSpool.open(blobDir.resolveSibling(SIGNAL_SPOOL)),
                    () -> FileSpool.attach(blobDir.resolveSibling(SIGNAL_SPOOL)),
                    Optional.empty());
        } catch (RuntimeException e) {
            records.close();
            throw e;
        }
    }

    private static Storage postgresql(StoreConfig config, Clock clock) {
        HikariDataSource pool = PostgresRecordStore.pool(config);
        Transactor unlocked = new PooledTransactor(pool, false, () -> {});
        return new Storage(
                new SqlRecordStore(new PooledTransactor(pool, true, () -> {})),
                new DatabaseBlobStore(unlocked, clock, new SecureRandom()),
                () -> new DatabaseSpool(unlocked, clock),
                () -> Optional.of(new DatabaseSpool(unlocked, clock)),
                Optional.of(pool));
    }

    /** Records, quarantine, mappings, outbox and audit log. */
    public RecordStore records() {
        return records;
    }

    /** Sealed blobs: files on SQLite, rows on PostgreSQL. */
    public BlobStore blobs() {
        return blobs;
    }

    /** Opens the Signal spool (on SQLite creating its directory; on PostgreSQL shared by every node). */
    public Spool openSignalSpool() {
        return signalSpool.get();
    }

    /**
     * The Signal spool for another process than the daemon that owns it ({@code tipbridge purge}):
     * it removes nothing on opening and, on SQLite, refuses to put. Empty when there is none yet.
     */
    public Optional<Spool> attachSignalSpool() {
        return attachedSpool.get();
    }

    /** The PostgreSQL pool, for a clustered job store in the same database; empty on SQLite. */
    public Optional<DataSource> sharedDataSource() {
        return pool.map(DataSource.class::cast);
    }

    @Override
    public void close() {
        try {
            records.close();
        } finally {
            pool.ifPresent(HikariDataSource::close);
        }
    }
}
