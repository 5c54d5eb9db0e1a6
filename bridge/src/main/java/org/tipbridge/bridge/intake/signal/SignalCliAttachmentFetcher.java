// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.signal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.tipbridge.signal.Endpoint;
import org.tipbridge.signal.LazyConnection;
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

    private final LazyConnection connection;

    public SignalCliAttachmentFetcher(Endpoint endpoint, Optional<String> account, Duration timeout) {
        this.connection = new LazyConnection(endpoint, account, timeout, SignalLimits.DEFAULT);
    }

    @Override
    public synchronized Optional<byte[]> fetch(String attachmentId, String sourceAci) throws IOException {
        try {
            return Optional.of(connection.get().getAttachment(attachmentId, sourceAci));
        } catch (SignalCliException.Rpc e) {
            if (e.code() == NOT_FOUND) {
                return Optional.empty();
            }
            throw new IOException("signal-cli refused getAttachment (error " + e.code() + ")");
        } catch (SignalCliException.Protocol e) {
            // An answer over the line or string limits: too large to take this way.
            connection.drop();
            return Optional.empty();
        } catch (SignalCliException e) {
            connection.drop();
            throw new IOException("signal-cli could not be asked for an attachment", e);
        }
    }

    /** Closes the connection; later fetches fail as if signal-cli were unreachable (the tip stays spooled). */
    @Override
    public void close() {
        connection.close();
    }
}
