// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.util.List;

/** A record's summary with the ids of its sealed record blob and its sealed attachment blobs, in order. */
public record StoredRecord(RecordSummary summary, String recordBlob, List<String> attachmentBlobs) {

    public StoredRecord {
        attachmentBlobs = List.copyOf(attachmentBlobs);
    }
}
