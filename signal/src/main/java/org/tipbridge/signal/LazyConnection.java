// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import java.time.Duration;
import java.util.Optional;

/**
 * One client connection to signal-cli, opened when first needed and again after signal-cli closed
 * it (it restarted, say), until {@link #close}: from then on every {@link #get} fails as if
 * signal-cli were unreachable, without connecting. Callers serialise {@link #get} and {@link
 * #drop}; {@link #close} may run on any thread, also while a call is in progress (that call then
 * fails as unreachable).
 */
public final class LazyConnection implements AutoCloseable {
    private final Endpoint endpoint;
    private final Optional<String> account;
    private final Duration timeout;
    private final SignalLimits limits;
    /** Written by the caller's thread, read by {@link #close} on any thread. */
    private volatile SignalCliClient client;

    private volatile boolean closed;

    public LazyConnection(Endpoint endpoint, Optional<String> account, Duration timeout, SignalLimits limits) {
        this.endpoint = endpoint;
        this.account = account;
        this.timeout = timeout;
        this.limits = limits;
    }

    /**
     * The open connection, or a new one. The second look at {@code closed} catches a {@link #close}
     * that ran while connecting: either it saw the new connection or this look sees it closed.
     */
    public SignalCliClient get() throws SignalCliException {
        if (closed) {
            throw new SignalCliException.Unreachable("the connection to signal-cli is closed", null);
        }
        SignalCliClient current = client;
        if (current != null && current.isOpen()) {
            return current;
        }
        drop();
        current = SignalCliClient.connect(endpoint, account, timeout, limits);
        client = current;
        if (closed) {
            drop();
            throw new SignalCliException.Unreachable("the connection to signal-cli is closed", null);
        }
        return current;
    }

    /** Drops the current connection (after a timeout or a garbled answer); the next {@link #get} opens another. */
    public void drop() {
        SignalCliClient current = client;
        client = null;
        if (current != null) {
            current.close();
        }
    }

    /** Closes the connection for good. Safe from any thread, more than once. */
    @Override
    public void close() {
        closed = true;
        SignalCliClient current = client;
        if (current != null) {
            current.close();
        }
    }
}
