// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.retention;

import java.time.Instant;

/** When something goes under the retention policy, and by which rule ({@code closed}, {@code untouched}, ...). */
public record Expiry(Instant at, String rule) {

    /** Whether it is due at {@code now}: due from {@link #at} on, inclusive. */
    public boolean dueAt(Instant now) {
        return !at.isAfter(now);
    }
}
