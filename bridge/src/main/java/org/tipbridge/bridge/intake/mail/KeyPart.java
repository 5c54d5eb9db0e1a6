// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A part that may hold the sender's public key (application/pgp-keys, or an {@code .asc} file with
 * a public key block). Readable keys up to 1 MiB go to the sender keys and are not attachments;
 * anything else is kept as an ordinary attachment.
 */
final class KeyPart {
    private static final String KEY_BLOCK = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    private final MailWalk walk;

    KeyPart(MailWalk walk) {
        this.walk = walk;
    }

    void take(PartContext part, InputStream body) throws IOException {
        Streams.Prefix prefix = Streams.readAtMost(body, SenderKeys.MAX_KEY_BYTES);
        boolean declaredKey = part.headers().type().equals("application/pgp-keys");
        if (prefix.complete() && (declaredKey || containsKeyBlock(prefix.bytes()))) {
            if (!walk.keys().add(prefix.bytes())) {
                walk.warn(SenderKeys.UNREADABLE);
            }
            return;
        }
        new AttachmentPart(walk).take(part, prefix.followedBy(body));
    }

    private static boolean containsKeyBlock(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(KEY_BLOCK);
    }
}
