// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which records to list (all conditions must hold) and which page: at most {@code limit} records
 * older, in list order (receive time, then id, both descending), than record {@code before}.
 */
public record RecordFilter(
        Optional<String> status,
        Optional<String> tag,
        Optional<Channel> channel,
        Optional<String> handle,
        Optional<Instant> since,
        Optional<Assignment> assigned,
        OptionalLong before,
        int limit) {

    /** Which assignment to match. */
    public sealed interface Assignment permits Nobody, To {}

    /** Records nobody is assigned to. */
    public record Nobody() implements Assignment {}

    /** Records assigned to this analyst. */
    public record To(String analyst) implements Assignment {}

    public RecordFilter {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        status.ifPresent(s -> {
            if (!RecordStore.STATUSES.contains(s)) {
                throw new IllegalArgumentException("not a record status");
            }
        });
    }

    /** Every record, newest first, one page of {@code limit}. */
    public static RecordFilter all(int limit) {
        return new RecordFilter(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                limit);
    }
}
