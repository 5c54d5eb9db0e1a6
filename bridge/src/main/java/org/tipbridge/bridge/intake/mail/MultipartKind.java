// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.Locale;

/** The multiparts intake treats specially; everything else is {@code MIXED}. */
enum MultipartKind {
    NONE,
    MIXED,
    ALTERNATIVE,
    PGP_ENCRYPTED,
    PGP_SIGNED;

    static MultipartKind of(PartHeaders headers) {
        String protocol =
                headers.contentType().parameter("protocol").orElse("").strip().toLowerCase(Locale.ROOT);
        switch (headers.type()) {
            case "multipart/alternative":
                return ALTERNATIVE;
            case "multipart/encrypted":
                return protocol.equals("application/pgp-encrypted") || protocol.isEmpty() ? PGP_ENCRYPTED : MIXED;
            case "multipart/signed":
                return protocol.equals("application/pgp-signature") ? PGP_SIGNED : MIXED;
            default:
                return MIXED;
        }
    }
}
