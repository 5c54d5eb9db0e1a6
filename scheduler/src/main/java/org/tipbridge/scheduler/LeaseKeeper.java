// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scheduler;

/**
 * Keeps one standing connection (the IMAP IDLE connection, the Signal subscription) open on one
 * node at a time: tells its {@link Listener} when this node gains the right to hold it and when it
 * loses it. The bridge calls the same API whether the store is shared ({@link #renewing}) or not
 * ({@link #alwaysOwner}).
 *
 * <p>Renewing over PostgreSQL, two nodes may still both believe they hold the lease for a short
 * time: a node whose JVM is paused (garbage collection, a suspended VM) longer than the margin
 * cannot call {@code onLost} in time. Callers must therefore make whatever the holder does safe to
 * do twice; in tipbridge every record and every outbox send is idempotent (dedupe keys, conditional
 * updates), so a doubled IMAP fetch or Signal receive makes no second record and no second reply.
 */
public interface LeaseKeeper {

    /**
     * What the keeper reports, one call at a time on the keeper's own thread. Both must return
     * quickly (well within a third of the lease's ttl): start the connection in the background in
     * {@code onGained}; close it before returning from {@code onLost}.
     */
    interface Listener {

        /** This node now holds the lease: open the standing connection. */
        void onGained();

        /** This node no longer holds the lease (or is stopping): close the standing connection now. */
        void onLost();
    }

    /**
     * A keeper of {@code lease}: every ttl/3 it renews the lease (while held) or tries to take it.
     * A renewal that fails, errs or takes longer than allowed counts as lost, and {@code onLost}
     * is called at the latest 2/3 ttl after the start of the last successful renewal, so a third
     * of the ttl before the lease can expire in the database and another node take it. When the
     * holder stops renewing (it died, or lost the database), another keeper takes the lease at
     * most 4/3 ttl later: for a takeover within a failover time F, use a ttl of 3/4 F.
     */
    static LeaseKeeper renewing(Lease lease, Listener listener) {
        return new RenewingLeaseKeeper(lease, listener);
    }

    /** A keeper that always holds: {@code onGained} at {@link #start}, {@code onLost} at {@link #stop}. */
    static LeaseKeeper alwaysOwner(String name, Listener listener) {
        return new SoleLeaseKeeper(name, listener);
    }

    /** Starts keeping (or trying to take) the lease. */
    void start();

    /**
     * Stops keeping it: if held, calls {@code onLost} and releases the lease, so that another node
     * takes it at once. Returns when done. Must not be called from a callback.
     */
    void stop();

    /** Whether this node holds the lease, as last reported to the listener. */
    boolean holding();
}
