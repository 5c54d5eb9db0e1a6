// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cuts armored signatures and keys out of body text (a pasted key, a stray signature): they
 * identify the sender's key. A public key block that starts a line is handed back so it can
 * become a sender key.
 */
final class KeyArmor {
    private static final String BEGIN = "-----BEGIN PGP ";
    private static final String PUBLIC_KEY = "PUBLIC KEY BLOCK";
    private static final Pattern ARMOR_HEADER = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,63}: .*");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/=]+");
    private static final List<String> LABELS =
            List.of("SIGNATURE", PUBLIC_KEY, "PRIVATE KEY BLOCK", "SECRET KEY BLOCK");

    private KeyArmor() {}

    /** The text without armored blocks, whether any was cut, and the public key blocks among them. */
    record Scrubbed(String text, boolean removed, List<byte[]> publicKeys) {}

    static Scrubbed scrub(String text) {
        StringBuilder out = new StringBuilder(text.length());
        List<byte[]> keys = new ArrayList<>();
        int from = 0;
        for (int begin = text.indexOf(BEGIN); begin >= 0; begin = text.indexOf(BEGIN, from)) {
            Optional<String> label = label(text, begin + BEGIN.length());
            int after = label.isPresent() ? blockEnd(text, begin, label.get()) : begin + BEGIN.length();
            if (label.isEmpty()) {
                out.append(text, from, after);
            } else {
                out.append(text, from, begin);
                if (label.get().equals(PUBLIC_KEY) && (begin == 0 || text.charAt(begin - 1) == '\n')) {
                    keys.add(text.substring(begin, after).getBytes(StandardCharsets.UTF_8));
                }
            }
            from = after;
        }
        out.append(text, from, text.length());
        return new Scrubbed(out.toString(), out.length() != text.length(), keys);
    }

    private static Optional<String> label(String text, int at) {
        return LABELS.stream().filter(l -> text.startsWith(l + "-----", at)).findFirst();
    }

    /** Up to the END line; without one, up to the end of the armor's header and base64 lines. */
    private static int blockEnd(String text, int begin, String label) {
        String end = "-----END PGP " + label + "-----";
        int found = text.indexOf(end, begin);
        return found < 0 ? unterminatedEnd(text, begin) : found + end.length();
    }

    private static int unterminatedEnd(String text, int begin) {
        int position = afterLine(text, begin);
        boolean inBody = false;
        while (position < text.length()) {
            int next = afterLine(text, position);
            String line = text.substring(position, next).strip();
            boolean header = !inBody && ARMOR_HEADER.matcher(line).matches();
            if (line.isEmpty() ? inBody : !(header || BASE64.matcher(line).matches())) {
                return position;
            }
            inBody |= !header;
            position = next;
        }
        return position;
    }

    private static int afterLine(String text, int from) {
        int newline = text.indexOf('\n', from);
        return newline < 0 ? text.length() : newline + 1;
    }
}
