// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cleartext-signed block (RFC 4880 section 7): only its signed text is kept, dash-escaping
 * undone; the armor headers ({@code Hash:}) and the signature armor, which names the sender's
 * key, are dropped, and so is any text around the block.
 */
final class ClearSigned {
    static final String NOT_CHECKED = "the text was clearsigned; its signature was not checked";
    static final String OUTSIDE_IGNORED = "text outside the signed part was ignored";
    private static final Pattern BEGIN = Pattern.compile("(?m)^-----BEGIN PGP SIGNED MESSAGE-----[ \\t\\r]*$");
    private static final Pattern SIGNATURE = Pattern.compile("(?m)^-----BEGIN PGP SIGNATURE-----");
    private static final String END = "-----END PGP SIGNATURE-----";
    private static final Pattern ARMOR_HEADER = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,63}: .*");
    private static final Pattern DASH_ESCAPE = Pattern.compile("(?m)^- ");

    private ClearSigned() {}

    /** The signed text, and whether anything but white space stood outside the block. */
    record Extract(String signedText, boolean textOutside) {}

    static boolean contains(String text) {
        return BEGIN.matcher(text).find();
    }

    /** Call only when {@link #contains} is true. */
    static Extract extract(String text) {
        Matcher begin = BEGIN.matcher(text);
        if (!begin.find()) {
            throw new IllegalArgumentException("no clearsigned block");
        }
        int signedStart = skipArmorHeaders(text, afterLine(text, begin.end()));
        Matcher signature = SIGNATURE.matcher(text);
        int signatureStart = signature.find(signedStart) ? signature.start() : text.length();
        int end = text.indexOf(END, signatureStart);
        int after = end < 0 ? text.length() : end + END.length();
        String signed =
                DASH_ESCAPE.matcher(text.substring(signedStart, signatureStart)).replaceAll("");
        String outside = text.substring(0, begin.start()) + text.substring(after);
        return new Extract(signed, !outside.isBlank());
    }

    /** Skips {@code Name: value} lines and the blank line that ends them. */
    private static int skipArmorHeaders(String text, int from) {
        int position = from;
        while (position < text.length()) {
            int next = afterLine(text, position);
            String line = text.substring(position, next).strip();
            if (line.isEmpty()) {
                return next;
            }
            if (!ARMOR_HEADER.matcher(line).matches()) {
                return position;
            }
            position = next;
        }
        return position;
    }

    private static int afterLine(String text, int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? text.length() : newline + 1;
    }
}
