// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

/** What signal-cli reports for one recipient of a {@code send}; a type this client does not know is {@link #UNKNOWN}. */
public enum ResultType {
    SUCCESS,
    NETWORK_FAILURE,
    UNREGISTERED_FAILURE,
    IDENTITY_FAILURE,
    RATE_LIMIT_FAILURE,
    INVALID_PRE_KEY_FAILURE,
    UNKNOWN;

    /** The type named by signal-cli's {@code type} string; anything else is {@link #UNKNOWN}. */
    public static ResultType of(String name) {
        for (ResultType type : values()) {
            if (type != UNKNOWN && type.name().equals(name)) {
                return type;
            }
        }
        return UNKNOWN;
    }
}
