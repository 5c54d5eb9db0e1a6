// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Creates the tables of the clustered scheduler and of {@link Lease} in a PostgreSQL database,
 * when they are missing. Idempotent, and safe when several nodes start at once: each installer
 * holds a session advisory lock while it checks and creates, in one transaction.
 *
 * <p>The Quartz tables come from the DDL that ships in the Quartz jar, read at run time, so they
 * always match the Quartz version in use; its DROP statements and comments are skipped.
 */
public final class QuartzSchema {

    /** The DDL for PostgreSQL inside the Quartz jar. */
    static final String QUARTZ_DDL = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";
    /** A fixed advisory-lock key for this installer ("tipbrdg1" in ASCII). */
    private static final long LOCK_KEY = 0x7469_7062_7264_6731L;

    private static final String LEASE_TABLE = "CREATE TABLE IF NOT EXISTS " + Lease.TABLE
            + " (name VARCHAR(100) PRIMARY KEY, owner VARCHAR(200) NOT NULL, expires_at TIMESTAMPTZ NOT NULL)";

    private QuartzSchema() {}

    /** Creates whichever of the tables are missing; does nothing when all exist. */
    public static void install(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            advisoryLock(c, "pg_advisory_lock");
            try {
                createMissing(c);
            } finally {
                advisoryLock(c, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new SchedulingException("the scheduler and lease tables could not be created", e);
        }
    }

    private static void createMissing(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            if (!exists(c, "qrtz_locks")) {
                for (String ddl : quartzStatements()) {
                    s.execute(ddl);
                }
            }
            s.execute(LEASE_TABLE);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void advisoryLock(Connection c, String function) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + function + "(?)")) {
            s.setLong(1, LOCK_KEY);
            s.executeQuery().close();
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    /** The CREATE statements of Quartz's DDL: comments, DROP and the closing COMMIT left out. */
    static List<String> quartzStatements() {
        StringBuilder sql = new StringBuilder();
        for (String line : readQuartzDdl().split("\n")) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        return Arrays.stream(sql.toString().split(";"))
                .map(String::strip)
                .filter(statement -> !statement.isEmpty())
                .filter(statement -> {
                    String verb = statement.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
                    return !verb.equals("DROP") && !verb.equals("COMMIT");
                })
                .toList();
    }

    private static String readQuartzDdl() {
        try (InputStream in = QuartzSchema.class.getClassLoader().getResourceAsStream(QUARTZ_DDL)) {
            if (in == null) {
                throw new IllegalStateException("the Quartz jar lacks " + QUARTZ_DDL);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + QUARTZ_DDL, e);
        }
    }
}
