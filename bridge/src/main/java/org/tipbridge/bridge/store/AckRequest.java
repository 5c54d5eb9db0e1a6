// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Asks the commit of a record to queue an acknowledgement for its handle, in the same transaction:
 * when the record is the handle's first (or, with {@code followUps}, any record), unless the handle
 * got an acknowledgement queued at or after {@code quietSince}, and unless {@code maxPerHour}
 * acknowledgements were queued in the hour before the record's receive time, across all handles
 * (forged senders must not turn the tip line into a mail cannon). Deciding "first" at commit time
 * means a crash between creating the handle and committing its first record loses no acknowledgement.
 */
public record AckRequest(boolean followUps, Instant quietSince, int maxPerHour) {
    public AckRequest {
        Objects.requireNonNull(quietSince, "quietSince");
    }
}
