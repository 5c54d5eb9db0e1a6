// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What may be shown in clear about a record: no content, no sender identifier. {@code assignedTo}
 * is the analyst's name the analysts chose, {@code tags} their labels (sorted), {@code touchedAt}
 * the last analyst action on the record (the receive time until then), {@code closedAt} when it was
 * last closed (empty while not closed), {@code keepUntil} a legal hold.
 */
public record RecordSummary(
        long id,
        String handle,
        Channel channel,
        Instant received,
        String status,
        int attachments,
        long sizeBytes,
        Optional<String> assignedTo,
        List<String> tags,
        Instant touchedAt,
        Optional<Instant> closedAt,
        Optional<Instant> keepUntil) {

    public RecordSummary {
        tags = tags.stream().sorted().toList();
    }

    /** The same summary with these tags. */
    public RecordSummary withTags(List<String> newTags) {
        return new RecordSummary(
                id,
                handle,
                channel,
                received,
                status,
                attachments,
                sizeBytes,
                assignedTo,
                newTags,
                touchedAt,
                closedAt,
                keepUntil);
    }
}
