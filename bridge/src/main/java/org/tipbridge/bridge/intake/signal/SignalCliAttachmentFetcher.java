// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.signal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.tipbridge.signal.Endpoint;
import org.tipbridge.signal.SignalCliClient;
import org.tipbridge.signal.SignalCliException;
import org.tipbridge.signal.SignalLimits;

/**
 * {@link AttachmentFetcher} over signal-cli's {@code getAttachment}, on a connection of its own,
 * opened when first needed and again after signal-cli closed it. Bounded by {@link SignalLimits}:
 * one answer line (the base64 of one attachment) is at most 64 MiB.
 */
public final class SignalCliAttachmentFetcher implements AttachmentFetcher, AutoCloseable {
    /** JSON-RPC "user error": signal-cli does not have that attachment. */
    private static final int NOT_FOUND = -1;

    private final Endpoint endpoint;
    private final Optional<String> account;
    private final Duration timeout;
    private volatile SignalCliClient client;
    private volatile boolean closed;

    public SignalCliAttachmentFetcher(Endpoint endpoint, Optional<String> account, Duration timeout) {
        this.endpoint = endpoint;
        this.account = account;
        this.timeout = timeout;
    }

    @Override
    public synchronized Optional<byte[]> fetch(String attachmentId, String sourceAci) throws IOException {
        try {
            return Optional.of(client().getAttachment(attachmentId, sourceAci));
        } catch (SignalCliException.Rpc e) {
            if (e.code() == NOT_FOUND) {
                return Optional.empty();
            }
            throw new IOException("signal-cli refused getAttachment (error " + e.code() + ")");
        } catch (SignalCliException.Protocol e) {
            // An answer over the line or string limits: too large to take this way.
            closeClient();
            return Optional.empty();
        } catch (SignalCliException e) {
            closeClient();
            throw new IOException("signal-cli could not be asked for an attachment", e);
        }
    }

    private SignalCliClient client() throws SignalCliException {
        if (closed) {
            throw new SignalCliException.Unreachable("the fetcher is closed", null);
        }
        if (client != null && !client.isOpen()) {
            closeClient();
        }
        if (client == null) {
            client = SignalCliClient.connect(endpoint, account, timeout, SignalLimits.DEFAULT);
        }
        return client;
    }

    /** Closes the connection; later fetches fail as if signal-cli were unreachable (the tip stays spooled). */
    @Override
    public void close() {
        closed = true;
        SignalCliClient open = client;
        if (open != null) {
            open.close();
        }
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
