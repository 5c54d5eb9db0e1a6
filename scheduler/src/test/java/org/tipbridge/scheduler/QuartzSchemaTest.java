// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class QuartzSchemaTest {

    /** The tables of Quartz 2.5's DDL for PostgreSQL. */
    private static final int QUARTZ_TABLES = 11;

    @Test
    void createsQuartzAndLeaseTables() throws SQLException {
        DataSource dataSource = TestDatabase.fresh();

        QuartzSchema.install(dataSource);

        assertThat(count(dataSource, "table_name LIKE 'qrtz\\_%'")).isEqualTo(QUARTZ_TABLES);
        assertThat(count(dataSource, "table_name = 'tipbridge_leases'")).isEqualTo(1);
    }

    @Test
    void installingTwiceKeepsTheTablesAndTheirRows() throws SQLException {
        DataSource dataSource = TestDatabase.installed();
        new Lease(dataSource, "imap", "node-a", Duration.ofMinutes(1)).tryAcquire();

        QuartzSchema.install(dataSource);

        assertThat(count(dataSource, "table_name LIKE 'qrtz\\_%'")).isEqualTo(QUARTZ_TABLES);
        assertThat(new Lease(dataSource, "imap", "node-b", Duration.ofMinutes(1)).holder())
                .contains("node-a");
    }

    @Test
    void nodesInstallingAtOnceAllSucceed() throws Exception {
        DataSource dataSource = TestDatabase.fresh();

        AtOnce.run(Collections.nCopies(4, () -> QuartzSchema.install(dataSource)));

        assertThat(count(dataSource, "table_name LIKE 'qrtz\\_%'")).isEqualTo(QUARTZ_TABLES);
    }

    @Test
    void quartzDdlIsReadFromTheJarWithoutDropsOrComments() {
        List<String> statements = QuartzSchema.quartzStatements();

        assertThat(statements).allMatch(s -> s.startsWith("CREATE "));
        assertThat(statements).filteredOn(s -> s.startsWith("CREATE TABLE")).hasSize(QUARTZ_TABLES);
        assertThat(statements).noneMatch(s -> s.contains("--"));
    }

    private static int count(DataSource dataSource, String condition) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_schema = 'public' AND " + condition)) {
            r.next();
            return r.getInt(1);
        }
    }
}
