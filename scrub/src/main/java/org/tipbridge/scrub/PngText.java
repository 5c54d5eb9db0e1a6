// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Says what a PNG text chunk (tEXt, zTXt, iTXt) held in memory contains. Compressed text is
 * inflated through a small buffer, keeping only the start for the value, and refused once it
 * grows past {@link ScrubLimits#maxRatio()} times its compressed size or the file's remaining
 * {@link ScrubLimits#maxExpandedBytes()}.
 */
final class PngText {
    private static final int KEPT_CHARS = 4 * PlainValue.MAX_CHARS;
    private static final String XMP_KEYWORD = "XML:com.adobe.xmp";
    private static final Set<String> STANDARD_KEYWORDS = Set.of(
            "Title",
            "Author",
            "Description",
            "Copyright",
            "Creation Time",
            "Software",
            "Disclaimer",
            "Warning",
            "Source",
            "Comment");

    private final int maxRatio;
    private long expandedBudget;

    PngText(ScrubLimits limits) {
        this.maxRatio = limits.maxRatio();
        this.expandedBudget = limits.maxExpandedBytes();
    }

    List<Finding> read(String type, byte[] data) throws MalformedFile {
        int nul = indexOf(data, 0);
        if (nul < 1 || nul > 79) {
            return List.of(Finding.removed("text chunk"));
        }
        String keyword = new String(data, 0, nul, StandardCharsets.ISO_8859_1);
        byte[] text;
        if (type.equals("tEXt")) {
            text = java.util.Arrays.copyOfRange(data, nul + 1, data.length);
        } else if (type.equals("zTXt")) {
            text = inflate(data, nul + 2);
        } else {
            text = international(data, nul);
        }
        if (keyword.equals(XMP_KEYWORD)) {
            return XmpFindings.read(text, 0, text.length);
        }
        String value = type.equals("iTXt")
                ? PlainValue.ofUtf8(text, 0, text.length)
                : PlainValue.ofLatin1(text, 0, text.length);
        return STANDARD_KEYWORDS.contains(keyword)
                ? List.of(Finding.removed("text chunk '" + keyword + "'", value))
                : List.of(Finding.removed("text chunk", PlainValue.of(keyword + ": " + value)));
    }

    /** iTXt: keyword, NUL, compression flag, method, language tag, NUL, translated keyword, NUL, text. */
    private byte[] international(byte[] data, int nul) throws MalformedFile {
        if (nul + 3 > data.length) {
            return new byte[0];
        }
        boolean compressed = data[nul + 1] != 0;
        int language = indexOf(data, nul + 3);
        int translated = language < 0 ? -1 : indexOf(data, language + 1);
        if (translated < 0) {
            return new byte[0];
        }
        return compressed
                ? inflate(data, translated + 1)
                : java.util.Arrays.copyOfRange(data, translated + 1, data.length);
    }

    /** Inflates {@code data} from {@code from}, keeping the first bytes only and failing past the limits. */
    private byte[] inflate(byte[] data, int from) throws MalformedFile {
        if (from > data.length) {
            return new byte[0];
        }
        long allowed = Math.min(expandedBudget, (long) Math.max(data.length - from, 1) * maxRatio);
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, from, data.length - from);
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            long total = 0;
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                total += n;
                if (total > allowed) {
                    throw new MalformedFile("compressed text over the expansion limit");
                }
                kept.write(chunk, 0, Math.max(0, Math.min(n, KEPT_CHARS - kept.size())));
            }
            expandedBudget -= total;
            return kept.toByteArray();
        } catch (DataFormatException e) {
            return new byte[0];
        } finally {
            inflater.end();
        }
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return -1;
    }
}
