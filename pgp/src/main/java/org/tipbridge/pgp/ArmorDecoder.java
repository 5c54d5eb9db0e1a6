// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Decodes the base64 body of ASCII armor a buffer at a time (Bouncy Castle's decoder works a byte
 * at a time and caps decryption at about 26 MB/s). Line breaks (LF or CRLF) and blanks are
 * skipped; the body ends at its padding, the {@code =XXXX} checksum line or the END line. The
 * checksum, when present, must match; anything else that is not base64 is a Malformed failure,
 * raised as a {@link PgpStreamException}. Memory is fixed: the 64 KiB text buffer of the source
 * and one block of decoded bytes.
 */
final class ArmorDecoder extends InputStream {
    static final int MAX_LINE = 8 * 1024;
    private static final byte[] VALUES = values();

    private final PeekableInput text;
    private final boolean framed;
    private final byte[] decoded = new byte[PeekableInput.SIZE / 4 * 3 + 3];
    private final Crc24 crc = new Crc24();
    private int quantum; // the 6-bit values of an incomplete group of four, and how many
    private int quantumCount;
    private int decodedPosition;
    private int decodedLimit;
    private boolean lineStart = true;
    private boolean bodyEnded;
    private boolean paddingFollows;
    private boolean inputEnded;
    private boolean done;

    /** Decodes the body that starts at the current position of {@code text}; {@code framed}: it must end with an END line. */
    ArmorDecoder(PeekableInput text, boolean framed) {
        this.text = text;
        this.framed = framed;
    }

    private static byte[] values() {
        byte[] values = new byte[256];
        Arrays.fill(values, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            values[alphabet.charAt(i)] = (byte) i;
        }
        return values;
    }

    /** The 6-bit value of a base64 character, or -1. */
    static int valueOf(int c) {
        return c >= 0 && c < 256 ? VALUES[c] : -1;
    }

    @Override
    public int read() throws IOException {
        while (decodedPosition == decodedLimit) {
            if (done) {
                return -1;
            }
            decodeMore();
        }
        return decoded[decodedPosition++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        while (decodedPosition == decodedLimit) {
            if (done) {
                return -1;
            }
            decodeMore();
        }
        int n = Math.min(length, decodedLimit - decodedPosition);
        System.arraycopy(decoded, decodedPosition, target, offset, n);
        decodedPosition += n;
        return n;
    }

    @Override
    public int available() {
        return decodedLimit - decodedPosition;
    }

    /** Reads (and discards) the rest of the armor, so that its checksum and END line are checked. */
    void drain() throws IOException {
        while (!done) {
            decodedPosition = decodedLimit;
            decodeMore();
        }
        decodedPosition = decodedLimit;
    }

    private void decodeMore() throws IOException {
        decodedPosition = 0;
        decodedLimit = 0;
        if (bodyEnded) {
            finish();
        } else if (text.fill()) {
            decodeBlock();
        } else {
            bodyEnded = true;
            inputEnded = true;
        }
    }

    /**
     * Decodes the buffered text up to the end of the body (or of the buffer): runs of whole groups
     * of four base64 characters in bulk, everything else (line breaks, blanks, a group split by a
     * line break, the end of the body) one character at a time.
     */
    private void decodeBlock() throws PgpStreamException {
        byte[] in = text.buffer();
        int end = text.limit();
        int i = text.position();
        int o = 0;
        while (i < end && !bodyEnded) {
            if (quantumCount == 0) {
                int stop = decodeRun(in, i, end, decoded, o);
                o += (stop - i) / 4 * 3;
                lineStart &= stop == i;
                i = stop;
                if (i == end) {
                    break;
                }
            }
            o = decodeOne(in[i] & 0xff, decoded, o);
            i = bodyEnded ? i : i + 1;
        }
        text.advance(i);
        crc.update(decoded, 0, o);
        decodedLimit = o;
    }

    /** Decodes groups of four base64 characters until a group holds anything else; returns where it stopped. */
    private static int decodeRun(byte[] in, int from, int end, byte[] out, int at) {
        int i = from;
        int o = at;
        for (; i + 4 <= end; i += 4, o += 3) {
            int v = VALUES[in[i] & 0xff] << 18
                    | VALUES[in[i + 1] & 0xff] << 12
                    | VALUES[in[i + 2] & 0xff] << 6
                    | VALUES[in[i + 3] & 0xff];
            if (v < 0) {
                break; // a byte that is not base64 makes its value, and so the group's, negative
            }
            out[o] = (byte) (v >> 16);
            out[o + 1] = (byte) (v >> 8);
            out[o + 2] = (byte) v;
        }
        return i;
    }

    /** One character outside the fast path; returns the new output length. */
    private int decodeOne(int c, byte[] out, int o) throws PgpStreamException {
        int value = VALUES[c];
        if (value >= 0) {
            quantum = quantum << 6 | value;
            lineStart = false;
            if (++quantumCount < 4) {
                return o;
            }
            out[o] = (byte) (quantum >> 16);
            out[o + 1] = (byte) (quantum >> 8);
            out[o + 2] = (byte) quantum;
            quantumCount = 0;
            quantum = 0;
            return o + 3;
        }
        if (c == '\n' || c == '\r') {
            lineStart = true;
        } else if (c == '=' || (c == '-' && lineStart)) {
            bodyEnded = true;
            paddingFollows = !lineStart;
        } else if (c != ' ' && c != '\t') {
            throw malformed("invalid character in armor");
        }
        return o;
    }

    /** After the body: padding, optional checksum line, END line; decodes the last partial group. */
    private void finish() throws IOException {
        if (inputEnded && framed) {
            throw malformed("armor ends without its END line");
        }
        String line = inputEnded ? null : text.readLine(MAX_LINE);
        int padding = 0;
        if (paddingFollows) {
            padding = paddingOf(line);
            line = nextNonBlank();
        }
        Integer expected = null;
        if (line != null && line.startsWith("=")) {
            expected = checksumOf(line);
            line = nextNonBlank();
        }
        if (line == null ? framed : !line.startsWith("-----END ")) {
            throw malformed("armor has no END line");
        }
        decodeLast(padding);
        if (expected != null && expected != crc.value()) {
            throw malformed("armor checksum mismatch");
        }
        done = true;
    }

    private String nextNonBlank() throws IOException {
        String line = text.readLine(MAX_LINE);
        while (line != null && line.isEmpty()) {
            line = text.readLine(MAX_LINE);
        }
        return line;
    }

    private static int paddingOf(String line) throws PgpStreamException {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) != '=') {
                throw malformed("invalid base64 padding in armor");
            }
        }
        return line.length();
    }

    private static int checksumOf(String line) throws PgpStreamException {
        if (line.length() != 5) {
            throw malformed("malformed armor checksum");
        }
        int value = 0;
        for (int i = 1; i < 5; i++) {
            int digit = valueOf(line.charAt(i));
            if (digit < 0) {
                throw malformed("malformed armor checksum");
            }
            value = value << 6 | digit;
        }
        return value;
    }

    private void decodeLast(int padding) throws PgpStreamException {
        int n = quantumCount;
        if (n == 1 || (padding != 0 && padding != 4 - n) || n == 0 && padding != 0) {
            throw malformed("invalid base64 length in armor");
        }
        if (n == 2) {
            decoded[0] = (byte) (quantum >> 4);
        } else if (n == 3) {
            decoded[0] = (byte) (quantum >> 10);
            decoded[1] = (byte) (quantum >> 2);
        }
        decodedLimit = Math.max(0, n - 1);
        quantumCount = 0;
        crc.update(decoded, 0, decodedLimit);
    }

    private static PgpStreamException malformed(String what) {
        return new PgpStreamException(Failures.malformed(what, null));
    }
}
