// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.EncryptOptions;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;

/**
 * Writes the kind of mail a careful source sends: PGP/MIME, signed, encrypted to the bridge key,
 * with the source's public key attached so replies can be encrypted. Used by {@code tipbridge demo}.
 */
public final class DemoTip {
    public static final String SOURCE_ADDRESS = "demo-source@example.org";
    private static final String BOUNDARY = "demo-outer-7c1e";
    private static final String INNER = "demo-inner-52ab";

    private DemoTip() {}

    public static byte[] compose(OpenPgp pgp, Certificate bridge, String tipAddress, String text)
            throws PgpException, IOException {
        GeneratedKey source = pgp.generateKey("Demo Source <" + SOURCE_ADDRESS + ">", new char[0]);
        byte[] entity = entity(text, source.certificate().armored());
        ByteArrayOutputStream armored = new ByteArrayOutputStream();
        EncryptOptions options = new EncryptOptions(List.of(bridge), Optional.of(source.key()), true, false);
        try (OutputStream out = pgp.encrypt(armored, options)) {
            out.write(entity);
        } finally {
            source.key().destroy();
        }
        String mail = "From: " + SOURCE_ADDRESS + "\r\n"
                + "To: " + tipAddress + "\r\n"
                + "Subject: ...\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\""
                + BOUNDARY + "\"\r\n\r\n"
                + "--" + BOUNDARY + "\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n"
                + "--" + BOUNDARY + "\r\nContent-Type: application/octet-stream; name=\"encrypted.asc\"\r\n\r\n"
                + crlf(armored.toString(StandardCharsets.US_ASCII))
                + "\r\n--" + BOUNDARY + "--\r\n";
        return mail.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] entity(String text, String armoredKey) {
        String s = "Content-Type: multipart/mixed; boundary=\"" + INNER + "\"; protected-headers=\"v1\"\r\n"
                + "Subject: Demo tip: pangolin scales at the border post\r\n\r\n"
                + "--" + INNER
                + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + crlf(text) + "\r\n"
                + "--" + INNER + "\r\nContent-Type: application/pgp-keys; name=\"source-key.asc\"\r\n"
                + "Content-Disposition: attachment; filename=\"source-key.asc\"\r\n\r\n"
                + crlf(armoredKey) + "\r\n"
                + "--" + INNER + "--\r\n";
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
