// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.function.LongSupplier;
import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.conf.LimitsConfig;

/**
 * Counts what one message uses against the limits, across every nested parse (a decrypted entity
 * and a signed part count towards the same totals). Exceeding a limit aborts the parse; only the
 * canonical copies kept for signature checks degrade instead (the signature goes unchecked).
 */
final class Budget {
    /** Raw bytes every message may decrypt at the full ratio, so small messages are never refused. */
    static final long RATIO_SLACK_BYTES = 64 * 1024;

    private final LimitsConfig limits;
    private final LongSupplier rawBytes;
    private int parts;
    private int depth;
    private long textBytes;
    private long decryptedBytes;
    private long capturedBytes;

    /** {@code rawBytes} tells how many bytes of the raw message were read so far. */
    Budget(LimitsConfig limits, LongSupplier rawBytes) {
        this.limits = limits;
        this.rawBytes = rawBytes;
    }

    LimitsConfig limits() {
        return limits;
    }

    void countPart() throws IntakeAbort {
        if (++parts > limits.maxParts()) {
            throw IntakeAbort.rejected(QuarantineReason.TOO_MANY_PARTS);
        }
    }

    void enterMultipart() throws IntakeAbort {
        if (++depth > limits.maxDepth()) {
            throw IntakeAbort.rejected(QuarantineReason.TOO_DEEP);
        }
    }

    void leaveMultipart() {
        depth--;
    }

    /** Checks one entity's header section size so far. */
    void checkHeader(long headerBytes) throws IntakeAbort {
        if (headerBytes > limits.maxHeaderBytes()) {
            throw IntakeAbort.rejected(QuarantineReason.HEADER_TOO_LARGE);
        }
    }

    /** Bytes of body text that may still be kept in memory. */
    long textRoom() {
        return Math.max(0, limits.maxTextBytes() - textBytes);
    }

    void useText(long bytes) {
        textBytes += bytes;
    }

    /** Plaintext bytes the next encrypted payload may still produce (at least 1, as the facade requires). */
    long decryptRoom() {
        return Math.max(1, limits.maxDecompressedBytes() - decryptedBytes);
    }

    /**
     * Counts plaintext produced by any encrypted payload of the message: the total must stay within
     * {@code maxDecompressedBytes} and within {@code maxCompressionRatio} times the raw bytes read
     * so far (plus {@link #RATIO_SLACK_BYTES}).
     */
    void useDecrypted(long bytes) throws IntakeAbort {
        decryptedBytes += bytes;
        long ratioCap = (long) limits.maxCompressionRatio() * (rawBytes.getAsLong() + RATIO_SLACK_BYTES);
        if (decryptedBytes > limits.maxDecompressedBytes() || decryptedBytes > ratioCap) {
            throw IntakeAbort.rejected(QuarantineReason.DECOMPRESSION_LIMIT);
        }
    }

    /** Reserves memory for canonical copies of signed parts (all nesting levels together); false when none is left. */
    boolean captureMore(long bytes) {
        if (capturedBytes + bytes > captureLimit()) {
            return false;
        }
        capturedBytes += bytes;
        return true;
    }

    /** Gives back memory of a canonical copy that was dropped. */
    void releaseCapture(long bytes) {
        capturedBytes = Math.max(0, capturedBytes - bytes);
    }

    private long captureLimit() {
        return Math.min(SignedMultipart.MAX_SIGNED_BYTES, limits.maxMessageBytes());
    }
}
