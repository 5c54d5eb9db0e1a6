// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.util.List;

/** A record's summary with the sealed record itself and the ids of its sealed attachment blobs, in order. */
public record StoredRecord(RecordSummary summary, byte[] sealedRecord, List<String> attachmentBlobs) {

    public StoredRecord {
        sealedRecord = sealedRecord.clone();
        attachmentBlobs = List.copyOf(attachmentBlobs);
    }

    @Override
    public byte[] sealedRecord() {
        return sealedRecord.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredRecord r
                && summary.equals(r.summary)
                && java.util.Arrays.equals(sealedRecord, r.sealedRecord)
                && attachmentBlobs.equals(r.attachmentBlobs);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(summary, java.util.Arrays.hashCode(sealedRecord), attachmentBlobs);
    }

    @Override
    public String toString() {
        return "StoredRecord[id=" + summary.id() + ", attachments=" + attachmentBlobs.size() + "]";
    }
}
