// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.tipbridge.conf.StoreConfig;

/**
 * The parts of one store engine, opened together: on SQLite, the database file and blobs as files
 * in {@code blob_dir}; on PostgreSQL, the record store (under the store lock) and blobs in the
 * database, each with its own pool, and a third pool for the clustered job store and the leases.
 * The Signal spool is a directory next to {@code blob_dir} on either engine: it is the first
 * durable step after signal-cli has forgotten a message, so it must not depend on a database
 * server being reachable; it belongs to the node that received. Closing it closes the record
 * store and then the pools.
 */
public final class Storage implements AutoCloseable {

    /** The SQLite engine's Signal spool directory, next to {@code blob_dir}. */
    private static final String SIGNAL_SPOOL = "signal-spool";

    private final RecordStore records;
    private final BlobStore blobs;
    private final Supplier<Spool> signalSpool;
    private final Supplier<Optional<Spool>> attachedSpool;
    private final Optional<PostgresRecordStore.Pools> pools;

    private Storage(
            RecordStore records,
            BlobStore blobs,
            Supplier<Spool> signalSpool,
            Supplier<Optional<Spool>> attachedSpool,
            Optional<PostgresRecordStore.Pools> pools) {
        this.records = records;
        this.blobs = blobs;
        this.signalSpool = signalSpool;
        this.attachedSpool = attachedSpool;
        this.pools = pools;
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
        PostgresRecordStore.Pools pools = PostgresRecordStore.pools(config);
        Path spool = config.blobDir().resolveSibling(SIGNAL_SPOOL);
        return new Storage(
                new SqlRecordStore(new PooledTransactor(pools.store(), true, () -> {})),
                new DatabaseBlobStore(new PooledTransactor(pools.blobs(), false, () -> {}), clock, new SecureRandom()),
                () -> FileSpool.open(spool),
                () -> FileSpool.attach(spool),
                Optional.of(pools));
    }

    /** Records, quarantine, mappings, outbox and audit log. */
    public RecordStore records() {
        return records;
    }

    /** Sealed blobs: files on SQLite, rows on PostgreSQL. */
    public BlobStore blobs() {
        return blobs;
    }

    /** Opens this node's Signal spool, creating its directory. */
    public Spool openSignalSpool() {
        return signalSpool.get();
    }

    /**
     * The Signal spool for another process than the daemon that owns it ({@code tipbridge purge}):
     * it removes nothing on opening and refuses to put. Empty when there is none yet.
     */
    public Optional<Spool> attachSignalSpool() {
        return attachedSpool.get();
    }

    /** The PostgreSQL pool for the clustered job store and the leases; empty on SQLite. */
    public Optional<DataSource> sharedDataSource() {
        return pools.map(p -> (DataSource) p.coordination());
    }

    @Override
    public void close() {
        try {
            records.close();
        } finally {
            pools.ifPresent(PostgresRecordStore.Pools::close);
        }
    }
}
