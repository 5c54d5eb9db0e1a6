// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.IOException;
import java.io.InputStream;

/**
 * Tells binary OpenPGP data from ASCII armor the way Bouncy Castle's {@code PGPUtil.getDecoderStream}
 * does, and strips the armor with {@link ArmorDecoder}: text before the BEGIN line is skipped,
 * armor headers must be {@code Key: value} lines, a blank line starts the body. Base64 without
 * armor lines (a first byte that decodes to a packet tag) is read as a bare body.
 */
final class Unarmoring {
    private static final int SNIFF = 60;
    private static final int MAX_HEADERS = 64;
    private static final String BEGIN = "-----BEGIN PGP ";
    private static final String CLEARSIGNED = "-----BEGIN PGP SIGNED MESSAGE-----";

    private Unarmoring() {}

    /** The binary packet stream of {@code message}, armored or not. */
    static InputStream decoderStream(InputStream message) throws IOException {
        PeekableInput text = new PeekableInput(message);
        int buffered = text.ensure(SNIFF);
        if (buffered == 0 || (text.buffer()[text.position()] & 0x80) != 0) {
            return text;
        }
        if (bareBase64(text, Math.min(buffered, SNIFF))) {
            return new ArmorDecoder(text, false);
        }
        skipHeaders(text);
        return new ArmorDecoder(text, true);
    }

    /** Finishes reading the armor (checksum, END line) of a stream made by {@link #decoderStream}, if it had any. */
    static void finish(InputStream decoderStream) throws IOException {
        if (decoderStream instanceof ArmorDecoder) {
            ((ArmorDecoder) decoderStream).drain();
        }
    }

    private static boolean bareBase64(PeekableInput text, int length) {
        byte[] buffer = text.buffer();
        int first = -1;
        int found = 0;
        for (int i = text.position(); i < text.position() + length; i++) {
            int c = buffer[i] & 0xff;
            if (c == '\r' || c == '\n') {
                continue;
            }
            int value = ArmorDecoder.valueOf(c);
            if (value < 0) {
                return false;
            }
            first = found++ == 0 ? value : first;
        }
        return found >= 4 && (first & 0x20) != 0; // the first decoded byte has its top bit set: a packet tag
    }

    /** Skips text up to the BEGIN line, then the armor headers up to the blank line before the body. */
    private static void skipHeaders(PeekableInput text) throws IOException {
        String line = text.readLine(ArmorDecoder.MAX_LINE);
        while (line != null && !line.startsWith(BEGIN)) {
            line = text.readLine(ArmorDecoder.MAX_LINE);
        }
        if (line == null) {
            throw malformed("no OpenPGP armor found");
        }
        if (line.startsWith(CLEARSIGNED)) {
            throw malformed("cleartext-signed messages are not supported");
        }
        if (!line.endsWith("-----")) {
            throw malformed("malformed armor BEGIN line");
        }
        for (int count = 0; ; count++) {
            line = text.readLine(ArmorDecoder.MAX_LINE);
            if (line == null) {
                throw malformed("armor ends in its headers");
            }
            if (line.isEmpty()) {
                return;
            }
            if (count == MAX_HEADERS || line.indexOf(':') <= 0) {
                throw malformed("invalid armor header");
            }
        }
    }

    private static PgpStreamException malformed(String what) {
        return new PgpStreamException(Failures.malformed(what, null));
    }
}
