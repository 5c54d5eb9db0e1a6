// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.james.mime4j.util.MimeParameterMapping;

/**
 * A parsed structured header value such as Content-Type or Content-Disposition: the lower-case
 * value and its parameters (names lower case; RFC 2231 continuations and charsets decoded).
 */
record MediaType(String value, Map<String, String> parameters) {
    private static final Pattern TYPE =
            Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}");

    MediaType {
        parameters = Map.copyOf(parameters);
    }

    static MediaType none() {
        return new MediaType("", Map.of());
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** {@code type/subtype} when the value is a well-formed media type, else empty. */
    Optional<String> mediaType() {
        return TYPE.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }

    static MediaType parse(String header) {
        String[] pieces = splitOutsideQuotes(header);
        String value = pieces[0].strip().toLowerCase(Locale.ROOT);
        MimeParameterMapping mapping = new MimeParameterMapping();
        for (int i = 1; i < pieces.length; i++) {
            int eq = pieces[i].indexOf('=');
            if (eq > 0) {
                String name = pieces[i].substring(0, eq).strip().toLowerCase(Locale.ROOT);
                mapping.addParameter(name, unquote(pieces[i].substring(eq + 1).strip()));
            }
        }
        Map<String, String> params = new HashMap<>();
        mapping.getParameters().forEach((k, v) -> params.put(k.toLowerCase(Locale.ROOT), v == null ? "" : v));
        return new MediaType(value, params);
    }

    private static String[] splitOutsideQuotes(String header) {
        java.util.List<String> out = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"' && (i == 0 || header.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out.toArray(String[]::new);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
        }
        return value;
    }
}
