// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of a {@code send} for one recipient. It holds the recipient's identifiers:
 * {@link #toString()} never shows them.
 *
 * @param retryAfterSeconds present with {@link ResultType#RATE_LIMIT_FAILURE} when signal-cli says when to retry
 */
public record RecipientResult(
        Optional<String> uuid, Optional<String> number, ResultType type, OptionalLong retryAfterSeconds) {

    @Override
    public String toString() {
        return "RecipientResult[type=" + type + ", retryAfterSeconds=" + retryAfterSeconds + ", redacted]";
    }
}
