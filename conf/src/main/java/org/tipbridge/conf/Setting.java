// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * One raw configuration value and where it came from. Each accessor converts it to the type its
 * key needs or throws a {@link ConfigException} naming the key and what is allowed (never the
 * value). Values from the environment are always strings and are parsed here.
 */
record Setting(String key, Optional<String> envVar, JsonNode node) {

    /** The key as written in the file, plus the environment variable when it came from there. */
    String origin() {
        return envVar.map(name -> key + " (from " + name + ")").orElse(key);
    }

    ConfigException invalid(String allowed) {
        return new ConfigException(origin() + " " + allowed);
    }

    /** Any string without control characters, possibly empty. */
    String text(String allowed) {
        if (!node.isTextual()) {
            throw invalid(allowed);
        }
        String value = node.textValue();
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(allowed);
        }
        return value;
    }

    /** Text that may span lines: newlines and tabs are allowed, other control characters are not. */
    String paragraphs(String allowed) {
        if (!node.isTextual()) {
            throw invalid(allowed);
        }
        String value = node.textValue();
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw invalid(allowed);
        }
        return value;
    }

    boolean flag() {
        String allowed = "must be true or false";
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (fromEnv() && node.isTextual()) {
            String value = node.textValue().trim().toLowerCase(Locale.ROOT);
            if (value.equals("true") || value.equals("false")) {
                return Boolean.parseBoolean(value);
            }
        }
        throw invalid(allowed);
    }

    /** A whole number within {@code [min, max]}; from the environment, its decimal digits. */
    long integer(long min, long max, String allowed) {
        long value = rawInteger(allowed);
        if (value < min || value > max) {
            throw invalid(allowed);
        }
        return value;
    }

    /** A byte count: a whole number, or a string such as {@code "64KiB"}, within 1 to {@code max}. */
    long size(long max, String allowed) {
        long value = node.isTextual()
                ? ByteSize.parse(node.textValue()).orElseThrow(() -> invalid(allowed))
                : rawInteger(allowed);
        if (value < 1 || value > max) {
            throw invalid(allowed);
        }
        return value;
    }

    /** One of an enum's constants, written in lower case. */
    <E extends Enum<E>> E choice(Class<E> type) {
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
        }
        String allowed = "must be one of " + names;
        String value = text(allowed);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                return constant;
            }
        }
        throw invalid(allowed);
    }

    private long rawInteger(String allowed) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (fromEnv() && node.isTextual() && node.textValue().matches("-?[0-9]{1,18}")) {
            return Long.parseLong(node.textValue());
        }
        throw invalid(allowed);
    }

    private boolean fromEnv() {
        return envVar.isPresent();
    }
}
