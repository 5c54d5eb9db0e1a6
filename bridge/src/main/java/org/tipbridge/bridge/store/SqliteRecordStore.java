// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded engine: one SQLite file (0600, WAL, {@code synchronous=FULL}, {@code
 * secure_delete=ON}, foreign keys on) and one connection used under a lock; every transaction is
 * immediate, so writers are serialised like on PostgreSQL's store lock.
 */
public final class SqliteRecordStore {

    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private SqliteRecordStore() {}

    /**
     * Opens the database in {@code file}, creating it (0600; a missing parent directory 0700) and
     * migrating it as needed. An existing file is tightened to 0600.
     */
    public static SqlRecordStore open(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            OwnerOnly.createDirectory(absolute.getParent());
            OwnerOnly.file(absolute);
            OwnerOnly.tightenIfExists(absolute.resolveSibling(absolute.getFileName() + "-wal"));
            OwnerOnly.tightenIfExists(absolute.resolveSibling(absolute.getFileName() + "-shm"));
        } catch (IOException e) {
            throw new StoreException("cannot create the database file", e);
        }
        Migrations.migrate(dataSource(absolute, SQLiteConfig.TransactionMode.DEFERRED), Migrations.Dialect.SQLITE);
        try {
            Connection connection =
                    dataSource(absolute, SQLiteConfig.TransactionMode.IMMEDIATE).getConnection();
            return new SqlRecordStore(new SqliteTransactor(connection));
        } catch (SQLException e) {
            throw new StoreException("cannot open the database", e);
        }
    }

    private static SQLiteDataSource dataSource(Path file, SQLiteConfig.TransactionMode mode) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        config.setJournalSizeLimit(0);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setTransactionMode(mode);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }
}
