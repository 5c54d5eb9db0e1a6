// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds PGP/MIME and multipart/signed test entities around given armored payloads. */
final class PgpMail {
    private PgpMail() {}

    /** An RFC 3156 multipart/encrypted entity carrying {@code armored}. */
    static String pgpMime(String armored) {
        return TestMail.multipart(
                "encrypted",
                "; protocol=\"application/pgp-encrypted\"",
                List.of(
                        TestMail.entity("Content-Type: application/pgp-encrypted\n", "Version: 1\n"),
                        TestMail.entity("Content-Type: application/octet-stream; name=\"encrypted.asc\"\n", armored)));
    }

    /**
     * An RFC 3156 multipart/signed entity over {@code signedPart}, with a fake signature over its
     * canonical form (CRLF, without the line break that belongs to the boundary).
     */
    static String signed(String signedPart, String signer) {
        String canonical = TestMail.crlf(
                signedPart.endsWith("\n") ? signedPart.substring(0, signedPart.length() - 1) : signedPart);
        String signature = FakeOpenPgp.sign(signer, canonical.getBytes(StandardCharsets.UTF_8));
        return TestMail.multipart(
                "signed",
                "; protocol=\"application/pgp-signature\"; micalg=pgp-sha512",
                List.of(
                        signedPart,
                        TestMail.entity(
                                "Content-Type: application/pgp-signature; name=\"signature.asc\"\n",
                                signature + "\n")));
    }
}
