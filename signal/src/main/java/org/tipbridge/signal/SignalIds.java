// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shapes signal-cli's identifiers have; a value of any other shape is treated as absent, so no
 * stage after the parser sees an ACI that is not a UUID, an attachment id that is not a plain file name
 * or a group id that is not short base64.
 */
final class SignalIds {
    private static final Pattern ACI =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{5,14}");
    /** {@code <dataDir>/attachments/<id>}: no separators, no leading dot, so never outside that directory. */
    private static final Pattern ATTACHMENT_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}");
    /** Standard base64 of a group id: 32 bytes for groups v2, 16 for the old v1 groups; at most 64 bytes. */
    private static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9+/]{2,88}={0,2}");
    /** A Java class's simple name, as signal-cli writes in {@code exception.type}. */
    private static final Pattern EXCEPTION_TYPE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]{0,127}");

    private SignalIds() {}

    /** An ACI as a lower-case UUID (one spelling per sender), else absent. */
    static Optional<String> aci(Optional<String> value) {
        return matching(value, ACI, 36).map(v -> v.toLowerCase(Locale.ROOT));
    }

    static Optional<String> e164(Optional<String> value) {
        return matching(value, E164, 16);
    }

    static Optional<String> attachmentId(Optional<String> value) {
        return matching(value, ATTACHMENT_ID, 255);
    }

    /** A group id that decodes as standard base64 to 1-64 bytes, else absent. */
    static Optional<String> groupId(Optional<String> value) {
        return matching(value, GROUP_ID, 88).filter(SignalIds::decodes);
    }

    static Optional<String> exceptionType(Optional<String> value) {
        return matching(value, EXCEPTION_TYPE, 128);
    }

    /** Present unless blank. */
    static Optional<String> nonBlank(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }

    private static boolean decodes(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<String> matching(Optional<String> value, Pattern shape, int maxLength) {
        return value.filter(v -> v.length() <= maxLength && shape.matcher(v).matches());
    }
}
