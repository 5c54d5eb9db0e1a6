// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/** The encoded forms of one identifier that {@link LeakScanner} searches for. */
final class IdentifierVariants {
    /** Base64 variants shorter than this would match random Base64 (armored ciphertext) by chance. */
    static final int MIN_BASE64 = 7;

    private IdentifierVariants() {}

    /** As given, URL-encoded (both hex cases, space as + and %20), quoted-printable, Q-encoded, JSON-escaped. */
    static Set<String> textual(String id) {
        Set<String> out = new LinkedHashSet<>();
        out.add(id);
        String url = URLEncoder.encode(id, StandardCharsets.UTF_8);
        out.add(url);
        out.add(url.replace("+", "%20"));
        out.add(quoted(id, " ", ""));
        out.add(quoted(id, "=20", ""));
        out.add(quoted(id, "_", "_?"));
        out.add(quoted(id, "_", PHRASE_SPECIALS));
        out.add(json(id, false));
        out.add(json(id, true));
        Set<String> withLowerHex = new LinkedHashSet<>(out);
        for (String v : out) {
            withLowerHex.add(lowerHex(v));
        }
        return withLowerHex;
    }

    /** The hex digits after {@code %}, {@code =} and a backslash-u in lower case, the rest unchanged. */
    static String lowerHex(String s) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(%|=|\\\\u)([0-9A-F]{2,4})").matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(
                    b,
                    java.util.regex.Matcher.quoteReplacement(
                            m.group(1) + m.group(2).toLowerCase(java.util.Locale.ROOT)));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** What the Q encoding of a phrase (RFC 2047 section 5 (3)) must encode besides non-ASCII. */
    private static final String PHRASE_SPECIALS = "\"#$%&'(),.:;<>@[\\]^`{|}~_?";

    /**
     * Quoted-printable (RFC 2045) or the Q encoding of RFC 2047 encoded-words (text or phrase):
     * every non-printable or non-ASCII byte, {@code =} and {@code specials} as {@code =XX}; a
     * space as {@code space}.
     */
    static String quoted(String id, String space, String specials) {
        StringBuilder b = new StringBuilder();
        for (byte x : id.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if (c == ' ') {
                b.append(space);
            } else if (c > 32 && c < 127 && c != '=' && specials.indexOf(c) < 0) {
                b.append((char) c);
            } else {
                b.append('=').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    /** JSON string content: quote, backslash and slash escaped; with {@code ascii}, all non-ASCII as backslash-u escapes. */
    static String json(String id, boolean ascii) {
        StringBuilder b = new StringBuilder();
        id.chars().forEach(c -> {
            if (c == '"' || c == '\\' || c == '/') {
                b.append('\\').append((char) c);
            } else if (c < 0x20 || (ascii && c > 0x7E)) {
                b.append(String.format("\\u%04X", c));
            } else {
                b.append((char) c);
            }
        });
        return b.toString();
    }

    /**
     * For the identifier at byte offset 0, 1 and 2 (mod 3) of a Base64 stream: the characters that
     * depend on its bytes only, in the standard and the URL-safe alphabet.
     */
    static Set<String> base64(byte[] id) {
        Set<String> out = new LinkedHashSet<>();
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + id.length];
            System.arraycopy(id, 0, shifted, shift, id.length);
            String all = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            int from = (8 * shift + 5) / 6;
            int to = (8 * (shift + id.length)) / 6;
            if (to - from >= MIN_BASE64) {
                String stable = all.substring(from, to);
                out.add(stable);
                out.add(stable.replace('+', '-').replace('/', '_'));
            }
        }
        return out;
    }

    /** {@code ABCD EF01 ...}: how gpg prints a fingerprint. */
    static String groupedByFour(String hex) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(hex, i, Math.min(hex.length(), i + 4));
        }
        return b.toString();
    }
}
