// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.QuarantineReason;

/**
 * The raw message as read: counts bytes against the size limit, hashes them (SHA-256), and
 * remembers the first failure of the raw input itself (a read error of the source, a raw limit),
 * because code between here and the parser (OpenPGP) may translate or scrub the exception it sees.
 * Once failed, every further read fails the same way.
 */
final class RawInput extends GuardedInput {
    private final long maxBytes;
    private final MessageDigest digest;
    private long count;
    private Optional<IntakeException> failure = Optional.empty();

    RawInput(InputStream source, long maxBytes) {
        super(source);
        this.maxBytes = maxBytes;
        this.digest = sha256();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure.isPresent()) {
            throw new IntakeAbort(failure.get());
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            SourceFailure source = new SourceFailure(e);
            record(new IntakeException.TransientIo("reading the message failed", source));
            throw source;
        }
        if (n > 0) {
            account(b, off, n);
        }
        return n;
    }

    private void account(byte[] b, int off, int n) throws IntakeAbort {
        count += n;
        if (count > maxBytes) {
            throw recorded(IntakeAbort.rejected(QuarantineReason.MESSAGE_TOO_LARGE));
        }
        digest.update(b, off, n);
    }

    /** Remembers a decision taken by a guard on the raw bytes (unless an earlier failure is known). */
    IntakeAbort recorded(IntakeAbort abort) {
        record(abort.decision());
        return abort;
    }

    private void record(IntakeException decision) {
        if (failure.isEmpty()) {
            failure = Optional.of(decision);
        }
    }

    /** The first failure of the raw input, if any: it explains whatever else went wrong after it. */
    Optional<IntakeException> failure() {
        return failure;
    }

    /** Bytes of the raw message read so far. */
    long count() {
        return count;
    }

    /** Reads whatever the parser left, so that the hash covers the whole input. */
    byte[] finish() throws IOException {
        Streams.discard(this, Long.MAX_VALUE);
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
