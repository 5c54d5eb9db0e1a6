// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@link Spool} as rows of {@code spool_items} in the shared database, so that a node taking over
 * the Signal subscription also takes over what the previous one spooled. Each call is one short
 * transaction (committed, hence durable, before it returns) without the store lock. Ids are the
 * row ids, zero-padded to 19 digits so that they sort in the order they were put.
 */
public final class DatabaseSpool implements Spool {

    private static final String PENDING = "pending";
    private static final String HELD = "held";
    private static final Pattern ID = Pattern.compile("[0-9]{19}");

    private final Transactor tx;
    private final Clock clock;

    DatabaseSpool(Transactor tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public String put(byte[] sealed) {
        long now = clock.instant().getEpochSecond();
        long id = tx.run("write to the spool", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO spool_items (state, put_at, sealed) VALUES ('pending', ?, ?) RETURNING id")) {
                s.setLong(1, now);
                s.setBytes(2, sealed);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return String.format("%019d", id);
    }

    @Override
    public List<String> pending(int limit) {
        return tx.run("list the spool", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement s =
                    c.prepareStatement("SELECT id FROM spool_items WHERE state = 'pending' ORDER BY id LIMIT ?")) {
                s.setInt(1, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(String.format("%019d", rs.getLong(1)));
                    }
                }
            }
            return ids;
        });
    }

    @Override
    public byte[] read(String id) {
        long row = checked(id);
        byte[] sealed = tx.run("read a spool item", c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT sealed FROM spool_items WHERE id = ? AND state = 'pending'")) {
                s.setLong(1, row);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
        if (sealed == null) {
            throw new StoreException("no such spool item");
        }
        return sealed;
    }

    @Override
    public void setAside(String id) {
        long row = checked(id);
        long now = clock.instant().getEpochSecond();
        tx.run("set a spool item aside", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE spool_items SET state = 'held', set_aside_at = ? WHERE id = ? AND state = 'pending'")) {
                s.setLong(1, now);
                s.setLong(2, row);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void delete(String id) {
        long row = checked(id);
        tx.run("delete a spool item", c -> {
            try (PreparedStatement s =
                    c.prepareStatement("DELETE FROM spool_items WHERE id = ? AND state = 'pending'")) {
                s.setLong(1, row);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public int deleteSetAside(Instant olderThan) {
        return tx.run("delete set-aside spool items", c -> {
            try (PreparedStatement s =
                    c.prepareStatement("DELETE FROM spool_items WHERE state = 'held' AND put_at < ?")) {
                s.setLong(1, olderThan.getEpochSecond());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Depth depth() {
        return tx.run("count the spool", c -> new Depth(count(c, PENDING), count(c, HELD)));
    }

    private static long count(Connection c, String state) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM spool_items WHERE state = ?")) {
            s.setString(1, state);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Ids come from {@link #pending}; anything else is refused. */
    private static long checked(String id) {
        if (!ID.matcher(id).matches()) {
            throw new StoreException("not a spool item id");
        }
        return Long.parseLong(id);
    }

    @Override
    public String toString() {
        return "DatabaseSpool";
    }
}
