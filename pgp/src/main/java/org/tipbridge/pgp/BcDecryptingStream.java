// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.IOException;

/**
 * Plaintext of a message; close() drains it, checks integrity and signatures and only then makes
 * the result available. The caller's ciphertext stream is not closed.
 */
final class BcDecryptingStream extends DecryptingStream {
    private final MessageLayers layers;
    private final SignerDirectory directory;
    private final SignatureJudgement judgement;
    private final byte[] one = new byte[1];
    private DecryptionResult result;
    private boolean closed;

    BcDecryptingStream(MessageLayers layers, SignerDirectory directory, SignatureJudgement judgement) {
        this.layers = layers;
        this.directory = directory;
        this.judgement = judgement;
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (length == 0) {
            return 0;
        }
        try {
            return layers.read(buffer, offset, length);
        } catch (IOException | RuntimeException e) {
            throw translated(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            result = layers.finish(directory, judgement);
        } catch (PgpException e) {
            throw new PgpStreamException(e);
        } catch (IOException | RuntimeException e) {
            throw translated(e);
        }
    }

    @Override
    public DecryptionResult result() {
        if (result == null) {
            throw new IllegalStateException("the result is only known after close() succeeded");
        }
        return result;
    }

    private static PgpStreamException translated(Exception e) {
        PgpException carried = Failures.carried(e);
        return new PgpStreamException(
                carried != null ? carried : Failures.malformed("damaged or truncated message", e));
    }
}
