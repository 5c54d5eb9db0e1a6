// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The MIME headers of one entity that intake cares about. Everything else an entity carries is
 * dropped as it is read.
 */
record PartHeaders(MediaType contentType, MediaType disposition, Optional<String> language, Optional<String> subject) {
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,4}");

    static PartHeaders empty() {
        return new PartHeaders(MediaType.none(), MediaType.none(), Optional.empty(), Optional.empty());
    }

    /**
     * Returns a copy that also knows {@code name: value}; unknown fields are ignored, and so is a
     * repeated field: the first one counts, as it does for mime4j's own reading of the structure
     * (a second Content-Type must not route a part differently from how it was parsed).
     */
    PartHeaders with(String name, String value) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "content-type":
                return contentType.value().isEmpty() && contentType.parameters().isEmpty()
                        ? new PartHeaders(MediaType.parse(value), disposition, language, subject)
                        : this;
            case "content-disposition":
                return disposition.value().isEmpty() && disposition.parameters().isEmpty()
                        ? new PartHeaders(contentType, MediaType.parse(value), language, subject)
                        : this;
            case "content-language":
                return language.isEmpty()
                        ? new PartHeaders(contentType, disposition, parseLanguage(value), subject)
                        : this;
            case "subject":
                return subject.isEmpty()
                        ? new PartHeaders(contentType, disposition, language, Optional.of(value))
                        : this;
            default:
                return this;
        }
    }

    /** Lower-case {@code type/subtype}; {@code text/plain} when missing or malformed (RFC 2045 default). */
    String type() {
        return contentType.mediaType().orElse("text/plain");
    }

    boolean isAttachmentDisposition() {
        return disposition.value().equals("attachment");
    }

    boolean isProtectedHeaders() {
        return contentType
                .parameter("protected-headers")
                .map(v -> v.equalsIgnoreCase("v1"))
                .orElse(false);
    }

    /** The file name from the disposition's filename or the type's name, decoded; empty when none. */
    Optional<String> fileName() {
        Optional<String> raw = disposition.parameter("filename").or(() -> contentType.parameter("name"));
        return raw.map(HeaderText::repairUtf8).map(HeaderText::decodeWords).filter(s -> !s.isBlank());
    }

    Optional<String> charset() {
        return contentType.parameter("charset");
    }

    private static Optional<String> parseLanguage(String value) {
        String first = value.split(",", 2)[0].strip();
        return LANGUAGE.matcher(first).matches() ? Optional.of(first.toLowerCase(Locale.ROOT)) : Optional.empty();
    }
}
