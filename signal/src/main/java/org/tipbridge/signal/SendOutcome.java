// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import java.util.List;
import java.util.OptionalLong;

/**
 * What signal-cli answered to a {@code send}: the message timestamp and one typed result per
 * recipient. Failures per recipient are values here; only a call that failed as a whole throws.
 */
public record SendOutcome(OptionalLong timestamp, List<RecipientResult> results) {

    public SendOutcome {
        results = List.copyOf(results);
    }

    /** True when there is at least one result and every one is {@link ResultType#SUCCESS}. */
    public boolean allSucceeded() {
        return !results.isEmpty() && results.stream().allMatch(r -> r.type() == ResultType.SUCCESS);
    }
}
