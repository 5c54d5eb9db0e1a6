// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.UnaryOperator;
import org.tipbridge.bridge.pipeline.QuarantineReason;

/** Refuses any line (bytes between two LFs) longer than the limit, so no parser buffer grows without bound. */
final class LineGuard extends GuardedInput {
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
}
