// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Random handles such as {@code amber-otter-7K4QX}: an adjective (8 bits), an animal (8 bits) and
 * five Crockford base32 characters (25 bits), 41 bits in all. Never derived from the sender.
 */
public final class HandleNames {

    /** Crockford's base32 alphabet: digits and capitals without I, L, O, U. */
    static final String SUFFIX_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    static final int SUFFIX_CHARS = 5;
    private static final Pattern SHAPE = Pattern.compile("[a-z]{2,16}-[a-z]{2,16}-[0-9A-HJKMNP-TV-Z]{5}");

    private HandleNames() {}

    /** A fresh random handle. */
    public static String next(SecureRandom rng) {
        StringBuilder handle = new StringBuilder(32)
                .append(pick(HandleWords.ADJECTIVES, rng))
                .append('-')
                .append(pick(HandleWords.ANIMALS, rng))
                .append('-');
        for (int i = 0; i < SUFFIX_CHARS; i++) {
            handle.append(SUFFIX_ALPHABET.charAt(rng.nextInt(SUFFIX_ALPHABET.length())));
        }
        return handle.toString();
    }

    /** Whether {@code text} has the shape of a handle (word, word, five Crockford base32 capitals). */
    public static boolean isHandle(String text) {
        return text.length() <= 40 && SHAPE.matcher(text).matches();
    }

    /** How many bits of randomness one handle carries. */
    public static double entropyBits() {
        return log2(HandleWords.ADJECTIVES.size())
                + log2(HandleWords.ANIMALS.size())
                + SUFFIX_CHARS * log2(SUFFIX_ALPHABET.length());
    }

    private static String pick(List<String> words, SecureRandom rng) {
        return words.get(rng.nextInt(words.size()));
    }

    private static double log2(int n) {
        return Math.log(n) / Math.log(2);
    }
}
