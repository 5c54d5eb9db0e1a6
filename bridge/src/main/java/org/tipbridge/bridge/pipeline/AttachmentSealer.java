// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.io.IOException;
import java.io.OutputStream;
import org.tipbridge.bridge.store.BlobRef;

/** Streams one attachment's plaintext into a blob sealed to the analysts; nothing is kept in clear. */
public interface AttachmentSealer {

    Sealing begin() throws IOException;

    /** An attachment being sealed: write the plaintext, then {@link #finish()} or {@link #abandon()}. */
    interface Sealing extends AutoCloseable {
        OutputStream plaintext();

        /** Finishes the OpenPGP message, fsyncs the blob and returns it; {@code size} is the plaintext size. */
        SealedBlob finish() throws IOException;

        /** Deletes whatever was written. Safe to call after {@code finish()} failed. */
        void abandon();

        @Override
        default void close() {}
    }

    /**
     * The sealed blob and the number of plaintext bytes that went in; {@code scrubbed} when the
     * sealer also cleaned the file ({@code blob} is then the untouched original).
     */
    record SealedBlob(BlobRef blob, long plaintextSize, java.util.Optional<Scrubbed> scrubbed) {

        public SealedBlob(BlobRef blob, long plaintextSize) {
            this(blob, plaintextSize, java.util.Optional.empty());
        }
    }
}
