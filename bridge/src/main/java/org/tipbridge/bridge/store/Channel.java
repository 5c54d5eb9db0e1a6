// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.util.Locale;

/** The way a tip came in. */
public enum Channel {
    EMAIL,
    SIGNAL;

    /** The name used in the database, JSON and the CLI ({@code email}, {@code signal}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
