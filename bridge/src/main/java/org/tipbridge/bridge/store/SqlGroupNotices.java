// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.PreparedStatement;

/** The group notices of a JDBC database, sharing the record store's connection and transactions. */
final class SqlGroupNotices implements GroupNotices {
    private static final String INSERT =
            "INSERT INTO signal_group_notice (group_key) VALUES (?) ON CONFLICT (group_key) DO NOTHING";

    private static final String DELETE = "DELETE FROM signal_group_notice WHERE group_key = ?";

    private final Transactor tx;

    SqlGroupNotices(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public boolean remember(byte[] groupKey) {
        return tx.run("remember a group notice", c -> {
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                s.setBytes(1, groupKey);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void forget(byte[] groupKey) {
        tx.run("forget a group notice", c -> {
            try (PreparedStatement s = c.prepareStatement(DELETE)) {
                s.setBytes(1, groupKey);
                return s.executeUpdate();
            }
        });
    }
}
