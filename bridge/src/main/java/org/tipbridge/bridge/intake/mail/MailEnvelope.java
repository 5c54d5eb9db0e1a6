// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.Optional;

/**
 * Sender facts read from a message's outer (clear) headers. Holds sender identifiers: only the
 * strip stage may read it, and nothing here is ever logged or stored in clear.
 *
 * @param from the From address (addr-spec only, no display name)
 * @param replyTo the Reply-To address, when present
 * @param messageId the Message-ID, used only (as an HMAC) for duplicate detection
 * @param autocryptKey the keydata of an Autocrypt header whose addr matches From (binary OpenPGP)
 * @param automated true for bounces, auto-replies, bulk and list mail (never acknowledge those)
 */
public record MailEnvelope(
        Optional<String> from,
        Optional<String> replyTo,
        Optional<String> messageId,
        Optional<byte[]> autocryptKey,
        boolean automated) {}
