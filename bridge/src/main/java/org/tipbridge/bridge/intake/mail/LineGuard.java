// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.UnaryOperator;
import org.tipbridge.bridge.pipeline.QuarantineReason;

/** Refuses any line (bytes between two LFs) longer than the limit, so no parser buffer grows without bound. */
final class LineGuard extends FilterInputStream {
    private final int maxLineBytes;
    private final UnaryOperator<IntakeAbort> onAbort;
    private long lineLength;

    private LineGuard(InputStream in, int maxLineBytes, UnaryOperator<IntakeAbort> onAbort) {
        super(in);
        this.maxLineBytes = maxLineBytes;
        this.onAbort = onAbort;
    }

    /** Guards the raw message; the refusal is recorded by {@code raw}, so no translation can hide it. */
    static LineGuard raw(RawInput raw, int maxLineBytes) {
        return new LineGuard(raw, maxLineBytes, raw::recorded);
    }

    /** Guards decrypted content. */
    static LineGuard decrypted(InputStream plain, int maxLineBytes) {
        return new LineGuard(plain, maxLineBytes, UnaryOperator.identity());
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        for (int i = off; i < off + n; i++) {
            if (b[i] == '\n') {
                lineLength = 0;
            } else if (++lineLength > maxLineBytes) {
                throw onAbort.apply(IntakeAbort.rejected(QuarantineReason.LINE_TOO_LONG));
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return Streams.discard(this, n);
    }

    /** Does not close the wrapped stream: the owner of the wrapped stream closes it. */
    @Override
    public void close() {}

    @Override
    public boolean markSupported() {
        return false;
    }
}
