// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.util.regex.Pattern;

/**
 * The SMTP hosts mail may reach without TLS: this machine ({@code localhost}, a 127.0.0.0/8
 * literal, {@code ::1}) or an onion service, where Tor encrypts the whole way. Anywhere else, the
 * envelope (whom a reply goes to) would cross the network in clear.
 */
final class ClearTextRelay {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern THIS_MACHINE =
            Pattern.compile("localhost|127(\\." + OCTET + "){3}|::1|\\[::1\\]", Pattern.CASE_INSENSITIVE);
    private static final Pattern ONION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]*\\.onion", Pattern.CASE_INSENSITIVE);

    private ClearTextRelay() {}

    /** Whether {@code tls = "none"} is acceptable towards {@code host}. */
    static boolean acceptable(String host) {
        return THIS_MACHINE.matcher(host).matches() || ONION.matcher(host).matches();
    }
}
