// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;
import org.tipbridge.conf.StoreConfig;

/**
 * The store engine the tests run on: SQLite unless the system property {@code
 * tipbridge.test.engine=postgresql}, then one real PostgreSQL per test JVM ({@link TestPostgres},
 * started on first use) with a fresh database for every store a test asks for.
 */
public final class TestDatabases {

    /** The system property choosing the engine: {@code sqlite} (default) or {@code postgresql}. */
    public static final String ENGINE_PROPERTY = "tipbridge.test.engine";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String TEMPLATE = "tipbridge_template";
    private static final ExecutorService PREPARE = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-database-prepare");
        t.setDaemon(true);
        return t;
    });
    private static TestPostgres server;
    private static Future<String> next;

    private TestDatabases() {}

    /** Whether this run's tests use PostgreSQL. */
    public static boolean postgresql() {
        return "postgresql".equals(System.getProperty(ENGINE_PROPERTY, "sqlite"));
    }

    /**
     * A fresh, empty store: SQLite in {@code dir/data/tipbridge.db} with blobs in {@code
     * dir/blobs}, or a new PostgreSQL database (blobs in it; {@code dir/blobs} named but unused).
     */
    public static StoreConfig store(Path dir) {
        Path blobs = dir.resolve("blobs");
        if (!postgresql()) {
            return new StoreConfig("jdbc:sqlite:" + dir.resolve("data").resolve("tipbridge.db"), blobs);
        }
        return new StoreConfig(freshDatabaseUrl(), blobs, Optional.of(TestPostgres.SUPERUSER), Optional.empty());
    }

    /**
     * The url of a new database on the test PostgreSQL (starting the server on first use), already
     * migrated: a copy of a template migrated once per JVM, which is much faster than migrating each.
     */
    public static synchronized String freshDatabaseUrl() {
        TestPostgres started = server();
        if (next == null) {
            next = PREPARE.submit(() -> copyTemplate(started));
        }
        try {
            String url = next.get();
            next = PREPARE.submit(() -> copyTemplate(started));
            return url;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating a test database", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create a test database", e.getCause());
        }
    }

    /** A new database copied from the template (CREATE DATABASE takes a checkpoint: one is prepared ahead). */
    private static String copyTemplate(TestPostgres started) {
        String name = "tipbridge_" + DATABASES.incrementAndGet();
        createDatabase(started, name + " TEMPLATE " + TEMPLATE);
        return started.url(name);
    }

    private static void createDatabase(TestPostgres started, String nameAndOptions) {
        try (Connection c = DriverManager.getConnection(started.url("postgres"), TestPostgres.SUPERUSER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + nameAndOptions);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
    }

    /**
     * Points the home's {@code tipbridge.toml} (as {@code tipbridge init} wrote it) at a fresh
     * PostgreSQL database when the tests run on PostgreSQL; does nothing on SQLite.
     */
    public static void useIn(Path home) {
        if (!postgresql()) {
            return;
        }
        Path toml = home.resolve("tipbridge.toml");
        try {
            String text = Files.readString(toml);
            int start = text.indexOf("\n[store]\n");
            int end = text.indexOf("\n[", start + 1);
            if (start < 0) {
                throw new IllegalStateException("no [store] table in " + toml);
            }
            String section = text.substring(start, end < 0 ? text.length() : end)
                    .replaceFirst("(?m)^url = .*$", "url = \"" + freshDatabaseUrl() + "\"")
                    .replaceFirst("(?m)^user = .*$", "user = \"" + TestPostgres.SUPERUSER + "\"");
            Files.writeString(toml, text.substring(0, start) + section + (end < 0 ? "" : text.substring(end)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * On PostgreSQL, writes every row of every table of {@code config}'s database (each value as
     * the driver's bytes) into {@code dir/database-dump.bin}, so that a leak scan of {@code dir}
     * covers the database as it covers the SQLite file; on SQLite does nothing. Returns {@code dir}.
     */
    public static Path dumpInto(StoreConfig config, Path dir) {
        if (!postgresql()) {
            return dir;
        }
        try (Connection c = connect(config);
                java.io.OutputStream out =
                        Files.newOutputStream(Files.createDirectories(dir).resolve("database-dump.bin"))) {
            for (String table : tables(c)) {
                try (Statement s = c.createStatement();
                        java.sql.ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            byte[] value = rs.getBytes(i);
                            out.write(value == null ? new byte[0] : value);
                            out.write('\n');
                        }
                    }
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot dump the test database", e);
        }
        return dir;
    }

    /** {@link #dumpInto} for the store a home's {@code tipbridge.toml} names, into the home itself. */
    public static Path dumpHome(Path home) {
        if (!postgresql()) {
            return home;
        }
        return dumpInto(
                org.tipbridge.conf.ConfigLoader.load(home, java.util.Map.of()).store(), home);
    }

    private static java.util.List<String> tables(Connection c) throws SQLException {
        java.util.List<String> tables = new java.util.ArrayList<>();
        try (Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /**
     * A transactor without the store lock on {@code config}'s (migrated) database, as the database
     * blob store and spool use on PostgreSQL; on SQLite one connection of its own. Close it after use.
     */
    static Transactor unlockedTransactor(StoreConfig config) {
        RecordStore.open(config).close(); // migrated
        if (postgresql()) {
            com.zaxxer.hikari.HikariDataSource pool = PostgresRecordStore.pool(config);
            return new PooledTransactor(pool, false, pool::close);
        }
        try {
            return new SqliteTransactor(DriverManager.getConnection(config.url()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many blobs the store of {@code config} holds: files in its blob directory, or rows on PostgreSQL. */
    public static long blobCount(StoreConfig config) {
        if (postgresql()) {
            return rowCount(config, "blobs");
        }
        try (var files = Files.list(config.blobDir())) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long rowCount(StoreConfig config, String table) {
        try (Connection c = connect(config);
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JDBC connection to the database of {@code config} (either engine), for tests that look at rows. */
    public static Connection connect(StoreConfig config) throws SQLException {
        return postgresql()
                ? DriverManager.getConnection(config.url(), TestPostgres.SUPERUSER, "")
                : DriverManager.getConnection(config.url());
    }

    private static synchronized TestPostgres server() {
        if (server == null) {
            server = TestPostgres.start();
            createTemplate(server);
        }
        return server;
    }

    private static void createTemplate(TestPostgres started) {
        createDatabase(started, TEMPLATE);
        PGSimpleDataSource template = new PGSimpleDataSource();
        template.setUrl(started.url(TEMPLATE));
        template.setUser(TestPostgres.SUPERUSER);
        Migrations.migrate(template, Migrations.Dialect.POSTGRESQL);
    }
}
