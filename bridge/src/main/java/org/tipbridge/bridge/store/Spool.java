// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.List;

/**
 * A durable queue of opaque, already sealed items: for channels whose upstream forgets a message
 * as soon as it has handed it over (signal-cli acknowledges to Signal's server before it notifies
 * us). {@link #put} returns only when the item survives a crash; items are taken in the order they
 * were put, and deleted only after what they became was committed.
 */
public interface Spool {

    /** Stores one sealed item durably; returns its id (ordered: later puts sort after earlier ones). */
    String put(byte[] sealed);

    /** Ids of every item not yet deleted, oldest first, at most {@code limit}. */
    List<String> pending(int limit);

    /** The sealed bytes of an item; {@link StoreException} if it is gone. */
    byte[] read(String id);

    /** Moves an item out of {@link #pending} for good, keeping it (still sealed) for the operator. */
    void setAside(String id);

    /**
     * Deletes (durably) the items set aside that arrived before {@code olderThan} (retention's
     * quarantine period); returns how many went.
     */
    int deleteSetAside(Instant olderThan);

    /** Deletes an item (durably); deleting one that is gone does nothing. */
    void delete(String id);

    /** How many items wait and how many were set aside, for {@code tipbridge status}. */
    Depth depth();

    /** Item counts. */
    record Depth(long pending, long setAside) {}
}
