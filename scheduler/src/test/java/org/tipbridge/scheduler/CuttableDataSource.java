// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that a test can cut off (every new connection fails, as for a node that lost the
 * network or died) or hang (every new connection waits, as behind a dead TCP peer).
 */
final class CuttableDataSource implements DataSource {

    private final DataSource delegate;
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean cut;
    private volatile boolean hung;

    CuttableDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    void cut() {
        cut = true;
    }

    void hang() {
        hung = true;
    }

    /** Lets hung connections fail, so the threads waiting for them end. */
    void release() {
        cut = true;
        released.countDown();
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (hung) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (cut || hung) {
            throw new SQLException("cut off by the test");
        }
        return delegate.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
