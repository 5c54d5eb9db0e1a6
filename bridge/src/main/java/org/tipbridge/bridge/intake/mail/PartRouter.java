// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;
import java.io.InputStream;

/**
 * Decides what one leaf part is and sends its (transfer-decoded) body there: the encrypted payload
 * of a PGP/MIME message (one per multipart/encrypted), key material, body text, or an attachment.
 * Control parts are dropped.
 */
final class PartRouter {
    static final String EXTRA_PAYLOAD = "an extra encrypted part was ignored";
    private final MailWalk walk;

    PartRouter(MailWalk walk) {
        this.walk = walk;
    }

    void route(PartContext part, InputStream body) throws IOException {
        String type = part.headers().type();
        if (part.parent() == MultipartKind.PGP_ENCRYPTED) {
            encryptedPayload(part, type, body);
        } else if (isKeyCandidate(part, type)) {
            new KeyPart(walk).take(part, body);
        } else if (isControl(part, type)) {
            Streams.discard(body, Long.MAX_VALUE);
        } else if (isBodyText(part, type)) {
            new TextPart(walk).take(part, body);
        } else {
            new AttachmentPart(walk).take(part, body);
        }
    }

    private void encryptedPayload(PartContext part, String type, InputStream body) throws IOException {
        if (type.equals("application/pgp-encrypted")) {
            Streams.discard(body, Long.MAX_VALUE); // the "Version: 1" control part
        } else if (walk.claimPayload(part.parentId())) {
            new EncryptedEntity(walk).open(body);
        } else {
            Streams.discard(body, Long.MAX_VALUE);
            walk.warn(EXTRA_PAYLOAD);
        }
    }

    private static boolean isKeyCandidate(PartContext part, String type) {
        return KeyMaterial.pgpTyped(type, part.headers().fileName());
    }

    /**
     * Headers repeated for old clients (protected-headers legacy display) carry nothing new. Only
     * inside encryption: a clear part calling itself that is clear text like any other (dropped
     * beside encrypted content with a warning, never silently).
     */
    private static boolean isControl(PartContext part, String type) {
        boolean legacyDisplay = !part.root()
                && part.scope().insideEncryption()
                && type.startsWith("text/")
                && part.headers().isProtectedHeaders();
        return type.equals("text/rfc822-headers") || legacyDisplay;
    }

    private static boolean isBodyText(PartContext part, String type) {
        boolean textType = type.equals("text/plain") || type.equals("text/html");
        return textType
                && !part.headers().isAttachmentDisposition()
                && part.headers().fileName().isEmpty();
    }
}
