// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.tipbridge.conf.StoreConfig;

/**
 * The server engine: a small connection pool to PostgreSQL (the password read from the password
 * file, never from or into the url), migrated like SQLite, and every record-store transaction
 * serialised by the store lock ({@link PooledTransactor}). Errors never repeat the url (it may
 * hold secrets), the password, or the server's message text.
 */
public final class PostgresRecordStore {

    /** Connections per node for store transactions: the store lock lets one at a time write anyway. */
    static final int POOL_SIZE = 4;

    private static final long CONNECT_TIMEOUT_MILLIS = 30_000;

    /**
     * The pools of one node, kept apart so that none can starve another: {@code store} for
     * record-store transactions (which may wait for the store lock), {@code blobs} for blob chunks
     * (which never take it), and {@code coordination} for the clustered job store and the leases,
     * whose statements must get a connection within a fraction of the lease time.
     */
    record Pools(HikariDataSource store, HikariDataSource blobs, HikariDataSource coordination) {
        void close() {
            try {
                store.close();
            } finally {
                try {
                    blobs.close();
                } finally {
                    coordination.close();
                }
            }
        }
    }

    /** The node's three pools, the database migrated first; the caller closes them. */
    static Pools pools(StoreConfig config) {
        HikariDataSource store = pool(config);
        HikariDataSource blobs = null;
        try {
            blobs = connect(config, "tipbridge-blobs", 3, CONNECT_TIMEOUT_MILLIS);
            // Quartz takes up to two connections at once; leases one each; answers within 2 s or lost.
            HikariDataSource coordination = connect(config, "tipbridge-coordination", 5, 2_000);
            return new Pools(store, blobs, coordination);
        } catch (RuntimeException e) {
            store.close();
            if (blobs != null) {
                blobs.close();
            }
            throw e;
        }
    }

    private PostgresRecordStore() {}

    /** Opens the database named by {@code config}, migrating it as needed; closing the store closes its pool. */
    public static SqlRecordStore open(StoreConfig config) {
        HikariDataSource pool = pool(config);
        return new SqlRecordStore(new PooledTransactor(pool, true, pool::close));
    }

    /** A migrated pool for {@code config}; the caller closes it. */
    static HikariDataSource pool(StoreConfig config) {
        HikariDataSource pool = connect(config, "tipbridge-store", POOL_SIZE, CONNECT_TIMEOUT_MILLIS);
        try {
            Migrations.migrate(pool, Migrations.Dialect.POSTGRESQL);
            return pool;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource connect(StoreConfig config, String name, int size, long timeoutMillis) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setJdbcUrl(config.url());
        config.user().ifPresent(hikari::setUsername);
        if (config.passwordFile().isPresent()) {
            hikari.setPassword(password(config.passwordFile().get()));
        }
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(timeoutMillis);
        hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            // Hikari's and the driver's messages can repeat the url or the server's text: drop them.
            throw new StoreException("cannot connect to the PostgreSQL database; check [store] url, user and"
                    + " password_file, and that the server accepts this node");
        }
    }

    /** The password file's content without its final line break (as with the other secret files); refused if others may read it. */
    static String password(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                throw new StoreException(
                        "the [store] password_file is readable by other users; run: chmod 600 " + file);
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            text = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new StoreException("cannot read the [store] password_file " + file);
        }
    }
}
