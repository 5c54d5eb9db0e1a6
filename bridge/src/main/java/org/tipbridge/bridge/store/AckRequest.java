// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.Objects;

/**
 * Asks the commit of a record to queue an acknowledgement for its handle, in the same transaction:
 * when the record is the handle's first (or, with {@code followUps}, any record), unless the handle
 * got an acknowledgement queued at or after {@code quietSince}. Deciding "first" at commit time
 * means a crash between creating the handle and committing its first record loses no acknowledgement.
 */
public record AckRequest(boolean followUps, Instant quietSince) {
    public AckRequest {
        Objects.requireNonNull(quietSince, "quietSince");
    }
}
