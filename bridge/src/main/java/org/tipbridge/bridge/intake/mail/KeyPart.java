// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A part that may hold OpenPGP key material (application/pgp-keys or application/pgp-signature, an
 * {@code .asc} or {@code .sig} file, or any part that starts like a signature or key). Readable
 * public keys up to 1 MiB go to the sender keys; signatures, private keys and over-limit keys are
 * dropped with a warning. None of them is ever an attachment: they identify the sender's key.
 * Anything else is kept as an ordinary attachment.
 */
final class KeyPart {
    private static final String KEY_BLOCK = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    private final MailWalk walk;

    KeyPart(MailWalk walk) {
        this.walk = walk;
    }

    /** A part routed here by its type or name. */
    void take(PartContext part, InputStream body) throws IOException {
        Streams.Prefix prefix = Streams.readAtMost(body, SenderKeys.MAX_KEY_BYTES);
        String type = part.headers().type();
        KeyMaterial.Kind kind =
                KeyMaterial.of(prefix.bytes(), type, part.headers().fileName());
        if (type.equals("application/pgp-keys")
                || (kind == KeyMaterial.Kind.NONE && containsKeyBlock(prefix.bytes()))) {
            kind = KeyMaterial.Kind.PUBLIC_KEY;
        } else if (type.equals("application/pgp-signature")) {
            kind = KeyMaterial.Kind.SIGNATURE;
        }
        if (kind == KeyMaterial.Kind.NONE) {
            new AttachmentPart(walk).take(part, prefix.followedBy(body));
        } else {
            material(kind, prefix, body);
        }
    }

    /** Key material found on the way to the sealer: never sealed. */
    void take(KeyMaterial.Kind kind, InputStream body) throws IOException {
        material(kind, Streams.readAtMost(body, SenderKeys.MAX_KEY_BYTES), body);
    }

    private void material(KeyMaterial.Kind kind, Streams.Prefix prefix, InputStream rest) throws IOException {
        Streams.discard(rest, Long.MAX_VALUE);
        if (kind == KeyMaterial.Kind.PUBLIC_KEY && prefix.complete()) {
            keep(prefix.bytes());
        } else {
            walk.warn(KeyMaterial.REMOVED);
        }
    }

    /** Offers a public keyring to the sender keys, warning when it is not kept. */
    void keep(byte[] keyring) {
        switch (walk.keys().add(keyring)) {
            case UNREADABLE -> walk.warn(SenderKeys.UNREADABLE);
            case TOO_MANY -> walk.warn(SenderKeys.TOO_MANY);
            case KEPT -> {}
        }
    }

    private static boolean containsKeyBlock(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(KEY_BLOCK);
    }
}
