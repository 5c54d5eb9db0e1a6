// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.bcpg.ArmoredOutputStream;

/**
 * ASCII armor that gpg 2.2 reads: no version header, and always the CRC line. Without it, gpg 2.2
 * misreads the END line whenever the data length is a multiple of three (no '=' padding).
 */
final class Armor {
    private Armor() {}

    static ArmoredOutputStream around(OutputStream out) {
        return ArmoredOutputStream.builder().clearHeaders().enableCRC(true).build(out);
    }

    static String of(byte[] binary) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = around(text)) {
            armor.write(binary);
        }
        return text.toString(StandardCharsets.US_ASCII);
    }
}
