// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;

/** What may be shown in clear about a record: no content, no sender identifier. */
public record RecordSummary(
        long id, String handle, Channel channel, Instant received, String status, int attachments, long sizeBytes) {}
