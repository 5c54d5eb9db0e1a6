// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a PDF whose streams are encoded in ways {@link PdfBombCheck} cannot measure: a filter
 * chain (deflate twice, or wrapped in hex or ASCII85), a filter given indirectly or with escaped
 * characters in its name, or any filter outside a short list of single-stage filters. Such files
 * are rare and legitimate ones lose nothing: they are kept as originals only.
 */
final class PdfFilterCheck {
    static final String UNUSUAL = "unusual compression filters";
    private static final Set<String> SINGLE_STAGE = Set.of(
            "FlateDecode",
            "Fl",
            "DCTDecode",
            "DCT",
            "JPXDecode",
            "CCITTFaxDecode",
            "CCF",
            "JBIG2Decode",
            // the security handler of an encryption dictionary (/Filter /Standard), not a stream filter
            "Standard");
    private static final byte[] FILTER = "/Filter".getBytes(StandardCharsets.US_ASCII);

    private PdfFilterCheck() {}

    static Optional<String> refusal(byte[] pdf) {
        for (int at = indexOf(pdf, 0); at >= 0; at = indexOf(pdf, at + FILTER.length)) {
            if (at + FILTER.length < pdf.length && isRegular(pdf[at + FILTER.length])) {
                continue; // a longer name such as /FilterType
            }
            int value = skipSpace(pdf, at + FILTER.length);
            if (value < pdf.length && pdf[value] == '[') {
                value = skipSpace(pdf, value + 1);
                if (!allowedName(pdf, value) || pdf[skipSpace(pdf, endOfName(pdf, value))] != ']') {
                    return Optional.of(UNUSUAL);
                }
            } else if (!allowedName(pdf, value)) {
                return Optional.of(UNUSUAL);
            }
        }
        return Optional.empty();
    }

    private static boolean allowedName(byte[] pdf, int at) {
        if (at >= pdf.length || pdf[at] != '/') {
            return false;
        }
        int end = endOfName(pdf, at);
        return SINGLE_STAGE.contains(new String(pdf, at + 1, end - at - 1, StandardCharsets.ISO_8859_1));
    }

    /** The first byte after a name token starting at {@code at} (a '/'). */
    private static int endOfName(byte[] pdf, int at) {
        int i = at + 1;
        while (i < pdf.length && isRegular(pdf[i])) {
            i++;
        }
        return Math.min(i, pdf.length - 1);
    }

    private static boolean isRegular(byte b) {
        return b > ' ' && b < 127 && "()<>[]{}/%".indexOf(b) < 0;
    }

    private static int skipSpace(byte[] pdf, int at) {
        int i = at;
        while (i < pdf.length
                && (pdf[i] == ' '
                        || pdf[i] == '\n'
                        || pdf[i] == '\r'
                        || pdf[i] == '\t'
                        || pdf[i] == '\f'
                        || pdf[i] == 0)) {
            i++;
        }
        return Math.min(i, pdf.length - 1);
    }

    private static int indexOf(byte[] pdf, int from) {
        outer:
        for (int i = from; i + FILTER.length <= pdf.length; i++) {
            for (int j = 0; j < FILTER.length; j++) {
                if (pdf[i + j] != FILTER[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
