// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.signal;

import java.io.IOException;
import java.util.Optional;

/**
 * Asks signal-cli for an attachment's bytes ({@code getAttachment}) when its file is not in the
 * configured folder: signal-cli on another host, or {@code data_dir} pointing elsewhere. signal-cli's
 * own copy then stays where it is, since JSON-RPC offers no way to delete it.
 */
@FunctionalInterface
public interface AttachmentFetcher {

    /** The attachment's bytes; empty when signal-cli does not have it; IOException when it cannot be asked. */
    Optional<byte[]> fetch(String attachmentId, String sourceAci) throws IOException;

    /** Never fetches: a missing file is a missing attachment. */
    AttachmentFetcher NONE = (id, aci) -> Optional.empty();
}
