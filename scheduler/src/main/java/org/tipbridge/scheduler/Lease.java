// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A named lease in the PostgreSQL table created by {@link QuartzSchema}: at most one owner at a
 * time holds it, until it releases it or stops renewing it for {@code ttl}. Every decision is one
 * conditional statement timed by the database's clock ({@code now()}), so the nodes' clocks do not
 * matter. Keep one with a {@link LeaseKeeper}; the statements here are its building blocks.
 */
public final class Lease {

    static final String TABLE = "tipbridge_leases";

    private static final String EXPIRY = "now() + ? * INTERVAL '1 millisecond'";
    private static final String ACQUIRE = "INSERT INTO " + TABLE + " (name, owner, expires_at) VALUES (?, ?, "
            + EXPIRY + ") ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at"
            + " WHERE " + TABLE + ".owner = EXCLUDED.owner OR " + TABLE + ".expires_at <= now()";
    private static final String RENEW =
            "UPDATE " + TABLE + " SET expires_at = " + EXPIRY + " WHERE name = ? AND owner = ? AND expires_at > now()";
    private static final String RELEASE = "DELETE FROM " + TABLE + " WHERE name = ? AND owner = ?";
    private static final String HOLDER = "SELECT owner FROM " + TABLE + " WHERE name = ? AND expires_at > now()";

    private final DataSource dataSource;
    private final String name;
    private final String owner;
    private final Duration ttl;

    /** The lease {@code name} as seen by {@code owner} (this node's id), held for {@code ttl}. */
    public Lease(DataSource dataSource, String name, String owner, Duration ttl) {
        if (name.isBlank() || owner.isBlank() || ttl.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("a lease needs a name, an owner and a ttl of at least 300 ms");
        }
        this.dataSource = dataSource;
        this.name = name;
        this.owner = owner;
        this.ttl = ttl;
    }

    public String name() {
        return name;
    }

    public String owner() {
        return owner;
    }

    public Duration ttl() {
        return ttl;
    }

    /**
     * Takes the lease for {@code ttl} from now when it is free, expired or already ours; returns
     * whether this owner holds it now.
     */
    public boolean tryAcquire() {
        return update(ACQUIRE, "acquired", s -> {
            s.setString(1, name);
            s.setString(2, owner);
            s.setDouble(3, ttl.toMillis());
        });
    }

    /**
     * Extends the lease to {@code ttl} from now, only while this owner still holds it unexpired;
     * false means it was lost (expired, or taken by another owner after expiring).
     */
    public boolean renew() {
        return update(RENEW, "renewed", s -> {
            s.setDouble(1, ttl.toMillis());
            s.setString(2, name);
            s.setString(3, owner);
        });
    }

    /** Gives the lease up at once, if this owner holds it, so that another can take it. */
    public void release() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(RELEASE)) {
            s.setString(1, name);
            s.setString(2, owner);
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("released", e);
        }
    }

    /** The owner holding the lease unexpired, if any. */
    public Optional<String> holder() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(HOLDER)) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("read", e);
        }
    }

    private boolean update(String sql, String verb, Parameters parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            parameters.set(s);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failed(verb, e);
        }
    }

    private SchedulingException failed(String verb, SQLException cause) {
        return new SchedulingException("lease " + name + " could not be " + verb, cause);
    }

    /** Sets the parameters of one statement. */
    private interface Parameters {
        void set(PreparedStatement s) throws SQLException;
    }
}
