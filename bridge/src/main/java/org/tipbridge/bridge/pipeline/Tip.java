// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.pgp.SignatureStatus;

/**
 * A tip after the strip stage: nothing in it can hold a sender identifier. {@code received} is
 * already coarse; {@code dedupeKey} is an HMAC of the upstream message identity.
 */
public record Tip(
        String handle,
        Channel channel,
        Instant received,
        String subject,
        String body,
        boolean encrypted,
        SignatureStatus signature,
        List<SealedAttachment> attachments,
        Optional<String> language,
        List<String> warnings,
        byte[] dedupeKey) {

    public Tip {
        attachments = List.copyOf(attachments);
        warnings = List.copyOf(warnings);
    }
}
