// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Recognises OpenPGP signatures and keys by a part's first bytes: an armor header at the start (after
 * white space), or, for parts typed or named as OpenPGP ({@code .sig}, {@code .asc}), a binary
 * signature or key packet. Such parts identify the sender's key and are never sealed.
 */
final class KeyMaterial {
    /** How many leading bytes of a part are looked at. */
    static final int HEAD_BYTES = 1024;

    static final String REMOVED = "a signature or key part was removed (it identifies the sender's key)";
    private static final String ARMOR = "-----BEGIN PGP ";

    enum Kind {
        NONE,
        SIGNATURE,
        PUBLIC_KEY,
        PRIVATE_KEY
    }

    private KeyMaterial() {}

    static Kind of(byte[] head, String type, Optional<String> name) {
        Kind armored = armored(head);
        if (armored != Kind.NONE || !pgpTyped(type, name)) {
            return armored;
        }
        return binary(head);
    }

    static boolean pgpTyped(String type, Optional<String> name) {
        String lower = name.orElse("").strip().toLowerCase(Locale.ROOT);
        return type.equals("application/pgp-signature")
                || type.equals("application/pgp-keys")
                || lower.endsWith(".sig")
                || lower.endsWith(".asc");
    }

    private static Kind armored(byte[] head) {
        String text = new String(head, 0, Math.min(head.length, HEAD_BYTES), StandardCharsets.ISO_8859_1)
                .replaceFirst("^\u00ef\u00bb\u00bf", "")
                .stripLeading();
        if (!text.startsWith(ARMOR)) {
            return Kind.NONE;
        }
        String label = text.substring(ARMOR.length());
        if (label.startsWith("SIGNATURE-----")) {
            return Kind.SIGNATURE;
        } else if (label.startsWith("PUBLIC KEY BLOCK-----")) {
            return Kind.PUBLIC_KEY;
        } else if (label.startsWith("PRIVATE KEY BLOCK-----") || label.startsWith("SECRET KEY BLOCK-----")) {
            return Kind.PRIVATE_KEY;
        }
        return Kind.NONE;
    }

    /** The packet tag of the first OpenPGP packet header (old or new format, RFC 4880 section 4.2). */
    private static Kind binary(byte[] head) {
        if (head.length == 0 || (head[0] & 0x80) == 0) {
            return Kind.NONE;
        }
        int tag = (head[0] & 0x40) != 0 ? head[0] & 0x3f : (head[0] >> 2) & 0x0f;
        return switch (tag) {
            case 2 -> Kind.SIGNATURE;
            case 6, 14 -> Kind.PUBLIC_KEY;
            case 5, 7 -> Kind.PRIVATE_KEY;
            default -> Kind.NONE;
        };
    }
}
