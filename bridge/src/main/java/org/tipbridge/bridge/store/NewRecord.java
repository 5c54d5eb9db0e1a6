// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sealed record ready to commit: its handle, channel, coarse receive time, dedupe key (an HMAC
 * of the channel's message identity), the sealed record (an OpenPGP message, kept inline), every
 * sealed blob the record owns (an attachment may own several: original, cleaned copy, findings)
 * and the number of attachments. Nothing here identifies the sender. {@code ack}, when present, asks the commit to queue an
 * acknowledgement in the same transaction (see {@link AckRequest}).
 */
public record NewRecord(
        String handle,
        Channel channel,
        Instant received,
        byte[] dedupeKey,
        byte[] sealedRecord,
        List<BlobRef> sealedAttachments,
        Optional<AckRequest> ack,
        int attachmentCount) {

    /** One blob per attachment (no scrub: the count is the number of blobs). */
    public NewRecord(
            String handle,
            Channel channel,
            Instant received,
            byte[] dedupeKey,
            byte[] sealedRecord,
            List<BlobRef> sealedAttachments,
            Optional<AckRequest> ack) {
        this(handle, channel, received, dedupeKey, sealedRecord, sealedAttachments, ack, sealedAttachments.size());
    }

    /** A record that asks for no acknowledgement. */
    public NewRecord(
            String handle,
            Channel channel,
            Instant received,
            byte[] dedupeKey,
            byte[] sealedRecord,
            List<BlobRef> sealedAttachments) {
        this(handle, channel, received, dedupeKey, sealedRecord, sealedAttachments, Optional.empty());
    }

    public NewRecord {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(sealedRecord, "sealedRecord");
        dedupeKey = DedupeKeys.checked(dedupeKey);
        sealedRecord = sealedRecord.clone();
        sealedAttachments = List.copyOf(sealedAttachments);
        Objects.requireNonNull(ack, "ack");
        if (attachmentCount < 0) {
            throw new IllegalArgumentException("negative attachment count");
        }
    }

    @Override
    public byte[] dedupeKey() {
        return dedupeKey.clone();
    }

    @Override
    public byte[] sealedRecord() {
        return sealedRecord.clone();
    }

    /** Size of the sealed record itself (held in memory until committed), without copying it. */
    public int sealedRecordLength() {
        return sealedRecord.length;
    }

    /** Sealed record plus sealed attachments, in bytes. */
    public long totalSize() {
        return sealedRecord.length
                + sealedAttachments.stream().mapToLong(BlobRef::size).sum();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NewRecord r
                && handle.equals(r.handle)
                && channel == r.channel
                && received.equals(r.received)
                && Arrays.equals(dedupeKey, r.dedupeKey)
                && Arrays.equals(sealedRecord, r.sealedRecord)
                && sealedAttachments.equals(r.sealedAttachments)
                && ack.equals(r.ack)
                && attachmentCount == r.attachmentCount;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                handle,
                channel,
                received,
                Arrays.hashCode(dedupeKey),
                Arrays.hashCode(sealedRecord),
                sealedAttachments,
                ack,
                attachmentCount);
    }

    @Override
    public String toString() {
        return "NewRecord[channel=" + channel.wireName() + ", attachments=" + attachmentCount + "]";
    }
}
