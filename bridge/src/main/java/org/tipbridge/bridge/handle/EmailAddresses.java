// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place e-mail sender identities are normalised before they are keyed into a lookup
 * hash: the same mailbox always gives the same string. Sub-address tags ({@code +tag}) are kept,
 * since a tagged address may be a separate throw-away identity.
 */
public final class EmailAddresses {

    static final int MAX_LENGTH = 254;
    private static final int MAX_RAW_LENGTH = 1024;
    private static final int MAX_LOCAL_LENGTH = 64;

    private EmailAddresses() {}

    /**
     * Normalises an addr-spec, bare or in angle brackets (a display name before the brackets is
     * dropped): trimmed, NFC, lower-cased, without a trailing dot in the domain. Empty if it is not a
     * plausible address.
     */
    /** The part after the last {@code @} (the whole string if there is none). */
    public static String domain(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    public static Optional<String> normalise(String raw) {
        if (raw.length() > MAX_RAW_LENGTH) {
            return Optional.empty();
        }
        String address = Normalizer.normalize(unbracket(raw.strip()), Normalizer.Form.NFC)
                .toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        if (at <= 0 || address.indexOf('@') != at || address.length() > MAX_LENGTH + 1) {
            return Optional.empty();
        }
        String local = address.substring(0, at);
        String domain = stripTrailingDot(address.substring(at + 1));
        if (!plausibleLocal(local) || !plausibleDomain(domain) || local.length() + 1 + domain.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(local + "@" + domain);
    }

    private static String unbracket(String s) {
        int open = s.lastIndexOf('<');
        if (s.endsWith(">") && open >= 0) {
            return s.substring(open + 1, s.length() - 1).strip();
        }
        return s;
    }

    private static String stripTrailingDot(String domain) {
        return domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
    }

    private static boolean plausibleLocal(String local) {
        return !local.isEmpty() && local.length() <= MAX_LOCAL_LENGTH && allPrintable(local);
    }

    private static boolean plausibleDomain(String domain) {
        return !domain.isEmpty()
                && !domain.startsWith(".")
                && !domain.endsWith(".")
                && !domain.contains("..")
                && allPrintable(domain);
    }

    /** No whitespace, control or formatting characters, and none of the characters that separate addresses. */
    private static boolean allPrintable(String s) {
        return s.codePoints()
                .allMatch(c -> !Character.isWhitespace(c)
                        && !Character.isSpaceChar(c)
                        && !Character.isISOControl(c)
                        && Character.getType(c) != Character.FORMAT
                        && Character.isDefined(c)
                        && "<>,;\"\\()[]".indexOf(c) < 0);
    }
}
