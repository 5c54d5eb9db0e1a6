// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.List;
import java.util.Optional;
import org.tipbridge.bridge.pipeline.SealedAttachment;
import org.tipbridge.pgp.SignatureStatus;

/**
 * A mail after decryption, verification and MIME parsing, before stripping. {@code subject} is the
 * protected (encrypted) subject when there was one. {@code senderKeys} are binary OpenPGP
 * certificates the sender attached (application/pgp-keys parts). {@code warnings} are plain words
 * for the analyst, never containing sender data. {@code contentHash} is SHA-256 of the raw message.
 */
public record ParsedMail(
        MailEnvelope envelope,
        String subject,
        String body,
        boolean encrypted,
        SignatureStatus signature,
        List<SealedAttachment> attachments,
        List<byte[]> senderKeys,
        Optional<String> language,
        List<String> warnings,
        byte[] contentHash) {}
