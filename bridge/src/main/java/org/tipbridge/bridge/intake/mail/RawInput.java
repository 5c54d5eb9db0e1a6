// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.tipbridge.bridge.pipeline.QuarantineReason;

/**
 * The raw message as read: counts bytes against the size limit, hashes them (SHA-256), and marks
 * the source's own I/O errors as {@link SourceFailure} so they are retried, not quarantined.
 */
final class RawInput extends FilterInputStream {
    private final long maxBytes;
    private final MessageDigest digest;
    private long count;

    RawInput(InputStream source, long maxBytes) {
        super(source);
        this.maxBytes = maxBytes;
        this.digest = sha256();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            throw new SourceFailure(e);
        }
        if (n > 0) {
            account(b, off, n);
        }
        return n;
    }

    private void account(byte[] b, int off, int n) throws IntakeAbort {
        count += n;
        if (count > maxBytes) {
            throw IntakeAbort.rejected(QuarantineReason.MESSAGE_TOO_LARGE);
        }
        digest.update(b, off, n);
    }

    @Override
    public long skip(long n) throws IOException {
        return Streams.discard(this, n);
    }

    /** Does not close the wrapped stream: the caller owns the source and closes it. */
    @Override
    public void close() {}

    @Override
    public boolean markSupported() {
        return false;
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
