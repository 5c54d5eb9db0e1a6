// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.util.List;
import java.util.OptionalLong;

/** One page of the record list, newest first; {@code more} says whether older matching records exist. */
public record RecordPage(List<RecordSummary> records, boolean more) {

    public RecordPage {
        records = List.copyOf(records);
    }

    /** The id to pass as {@code before} for the next page, when there is one. */
    public OptionalLong next() {
        return more && !records.isEmpty()
                ? OptionalLong.of(records.get(records.size() - 1).id())
                : OptionalLong.empty();
    }
}
