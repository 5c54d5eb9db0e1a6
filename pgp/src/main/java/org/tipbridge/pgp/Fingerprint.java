// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.util.Locale;

/** An OpenPGP v4 fingerprint (40 hex digits) or, where only that is known, a key id (16 hex digits), upper case. */
public record Fingerprint(String hex) {
    public Fingerprint {
        hex = hex.toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{16}|[0-9A-F]{40}|[0-9A-F]{64}")) {
            throw new IllegalArgumentException("not a fingerprint or key id");
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
