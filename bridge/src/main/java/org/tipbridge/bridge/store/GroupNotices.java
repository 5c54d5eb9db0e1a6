// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

/**
 * The Signal groups that were sent the one-time group notice, by keyed hash only (never a group
 * id). Every method is one transaction, durable when it returns.
 */
public interface GroupNotices {

    /**
     * Remembers the group; true when it was not remembered before (the caller may send the notice
     * now), false when it was (the notice was sent, or tried, already).
     */
    boolean remember(byte[] groupKey);

    /** Forgets a group whose notice was never handed to signal-cli, so its next message tries again. */
    void forget(byte[] groupKey);
}
