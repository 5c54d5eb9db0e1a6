// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A header block we write ourselves: every value checked (no control characters, so no header
 * injection), lines folded to at most 78 columns and ended with CRLF. Exception messages name the
 * header, never its value.
 */
final class MimeHeaders {
    static final String CRLF = "\r\n";
    private static final int FOLD_AT = 78;
    private static final int MAX_PLAIN_WORD = 66;
    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern ADDRESS =
            Pattern.compile(ATEXT + "(\\." + ATEXT + ")*@[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
    private static final Pattern MESSAGE_ID =
            Pattern.compile(ATEXT + "(\\." + ATEXT + ")*@" + ATEXT + "(\\." + ATEXT + ")*");
    private static final int MAX_ADDRESS = 254;
    private static final int MAX_MESSAGE_ID = 250;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern(
                    "EEE, d MMM yyyy HH:mm:ss '+0000'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final StringBuilder text = new StringBuilder(512);

    /** An address header ({@code From}, {@code To}) holding one plain ASCII addr-spec. */
    MimeHeaders address(String name, String address) {
        checkAddress(name, address);
        return line(name + ": " + address);
    }

    /** {@code Message-ID} from a bare {@code left@right} id. */
    MimeHeaders messageId(String id) {
        checkText("Message-ID", id);
        if (id.length() > MAX_MESSAGE_ID || !MESSAGE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Message-ID is not of the form left@right");
        }
        return line("Message-ID: <" + id + ">");
    }

    /** {@code Date} in RFC 5322 form, UTC, rounded down to the minute. */
    MimeHeaders date(Instant date) {
        return line("Date: " + DATE.format(date.truncatedTo(ChronoUnit.MINUTES)));
    }

    /** {@code Subject}: plain and folded at spaces when it can be, otherwise RFC 2047 encoded words. */
    MimeHeaders subject(String subject) {
        checkText("Subject", subject);
        if (subject.isEmpty()) {
            return line("Subject:");
        }
        if (plainFoldable(subject)) {
            return line(foldAtSpaces("Subject:", List.of(subject.split(" "))));
        }
        return line(foldAtSpaces("Subject:", EncodedWords.of(subject)));
    }

    /**
     * A header whose value is fixed by us (e.g. {@code MIME-Version}); each of {@code parts} after the
     * first goes on its own continuation line.
     */
    MimeHeaders fixed(String name, String... parts) {
        StringBuilder value = new StringBuilder(name).append(": ").append(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            value.append(CRLF).append(' ').append(parts[i]);
        }
        return line(value.toString());
    }

    /** The header block followed by the empty line that ends it. */
    String end() {
        return text + CRLF;
    }

    private MimeHeaders line(String folded) {
        text.append(folded).append(CRLF);
        return this;
    }

    /** Throws unless {@code address} is a plain ASCII addr-spec (dot-atom local part, no quoting). */
    static void checkAddress(String name, String address) {
        checkText(name, address);
        if (address.length() > MAX_ADDRESS || !ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException(name + " is not a plain ASCII e-mail address");
        }
    }

    /** Throws if {@code value} holds a control character, a line separator or a lone surrogate. */
    static void checkText(String name, String value) {
        boolean clean = value.codePoints()
                .noneMatch(c -> Character.isISOControl(c)
                        || c == '\u2028'
                        || c == '\u2029'
                        || Character.getType(c) == Character.SURROGATE);
        if (!clean) {
            throw new IllegalArgumentException(name + " contains a control character");
        }
    }

    private static boolean plainFoldable(String value) {
        if (value.startsWith(" ") || value.endsWith(" ") || value.contains("  ") || value.contains("=?")) {
            return false;
        }
        for (String word : value.split(" ")) {
            if (word.length() > MAX_PLAIN_WORD || !word.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
                return false;
            }
        }
        return true;
    }

    /** Joins {@code words} with single spaces, breaking before a space where a line would pass 78 columns. */
    private static String foldAtSpaces(String prefix, List<String> words) {
        StringBuilder folded = new StringBuilder(prefix);
        int lineLength = prefix.length();
        boolean lineHasWord = false;
        for (String word : words) {
            if (lineHasWord && lineLength + 1 + word.length() > FOLD_AT) {
                folded.append(CRLF);
                lineLength = 0;
            }
            folded.append(' ').append(word);
            lineLength += 1 + word.length();
            lineHasWord = true;
        }
        return folded.toString();
    }
}
