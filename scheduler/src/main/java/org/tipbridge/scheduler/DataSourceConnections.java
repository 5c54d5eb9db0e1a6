// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.utils.ConnectionProvider;

/**
 * Gives Quartz connections from the caller's {@link DataSource} (usually the bridge's pool); the
 * pool belongs to the caller, so shutting Quartz down leaves it open.
 */
final class DataSourceConnections implements ConnectionProvider {

    private final DataSource dataSource;

    DataSourceConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // The data source is the caller's to close.
    }

    @Override
    public void initialize() {
        // Nothing to set up: the data source is ready.
    }
}
