// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.util.Locale;

/** Why a message was quarantined instead of becoming a tip. Codes are stable (CLI, database). */
public enum QuarantineReason {
    MESSAGE_TOO_LARGE,
    TOO_MANY_PARTS,
    TOO_DEEP,
    HEADER_TOO_LARGE,
    LINE_TOO_LONG,
    TEXT_TOO_LARGE,
    DECOMPRESSION_LIMIT,
    MALFORMED_MIME,
    MALFORMED_PGP,
    NOT_ENCRYPTED_TO_BRIDGE,
    INTEGRITY_FAILURE,
    PLAINTEXT_REFUSED,
    NO_SENDER,
    AUTOMATED,
    MALFORMED_SIGNAL,
    /** Over a per-conversation or per-channel rate limit ({@code [floods]}), with policy {@code quarantine}. */
    RATE_LIMITED,
    PROCESSING_FAILED;

    /** Stable code, e.g. {@code too-many-parts}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
