// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** One real PostgreSQL server per test JVM, started on first use; a fresh database per caller. */
final class TestDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabase() {}

    /** A new, empty database on the shared server. */
    static DataSource fresh() {
        String name = "t" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return server().getDatabase("postgres", name);
    }

    /** A new database with the scheduler's and the leases' tables. */
    static DataSource installed() {
        DataSource dataSource = fresh();
        QuartzSchema.install(dataSource);
        return dataSource;
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(started)));
        }
        return server;
    }

    private static void close(EmbeddedPostgres started) {
        try {
            started.close();
        } catch (IOException e) {
            // The JVM is exiting; the server's directory is temporary.
        }
    }
}
