// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;

/**
 * Decodes text bytes by their declared charset. An unknown charset, or bytes that are not valid
 * in it, fall back to UTF-8 with replacement characters and a warning; it never fails.
 */
final class TextDecoder {
    static final String UNKNOWN_CHARSET = "a text part had an unknown character set and was read as UTF-8";
    static final String INVALID_BYTES = "a text part contained bytes invalid in its character set";

    private TextDecoder() {}

    /** Decoded text and, when decoding was lossy or guessed, a warning for the analyst. */
    record Decoded(String text, Optional<String> warning) {}

    static Decoded decode(byte[] bytes, String declaredCharset) {
        Optional<Charset> declared = lookup(declaredCharset);
        Charset charset = declared.orElse(StandardCharsets.UTF_8);
        if (isAscii(charset)) {
            charset = StandardCharsets.UTF_8; // mail clients often label 8-bit text as us-ascii
        }
        Optional<String> strict = strict(bytes, charset);
        if (strict.isPresent()) {
            return new Decoded(strict.get(), declared.isPresent() ? Optional.empty() : Optional.of(UNKNOWN_CHARSET));
        }
        String lossy = new String(bytes, charset);
        return new Decoded(lossy, Optional.of(declared.isPresent() ? INVALID_BYTES : UNKNOWN_CHARSET));
    }

    static Optional<Charset> lookup(String name) {
        String trimmed = name == null ? "" : name.strip().replace("\"", "");
        if (trimmed.isEmpty()) {
            return Optional.of(StandardCharsets.US_ASCII);
        }
        try {
            return Optional.of(Charset.forName(trimmed));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    private static boolean isAscii(Charset charset) {
        return charset.name().toLowerCase(Locale.ROOT).equals("us-ascii");
    }

    private static Optional<String> strict(byte[] bytes, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
