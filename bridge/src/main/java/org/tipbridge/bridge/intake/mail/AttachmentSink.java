// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.tipbridge.bridge.pipeline.AttachmentSealer;
import org.tipbridge.bridge.pipeline.SealedAttachment;

/**
 * Streams attachments into the sealer and remembers every sealing it began, so that a message
 * that fails later leaves nothing behind ({@link #abandonAll()}). Any failure of the sealer itself,
 * checked or not (a full disk), is local I/O: the message is retried, never quarantined.
 */
final class AttachmentSink {
    private static final int CHUNK = 64 * 1024;
    private static final String SEALING_FAILED = "attachment sealing failed";
    private final AttachmentSealer sealer;
    private final List<AttachmentSealer.Sealing> begun = new ArrayList<>();

    AttachmentSink(AttachmentSealer sealer) {
        this.sealer = sealer;
    }

    /** Seals all of {@code content}. Read errors pass through; the sealer's own errors are local I/O. */
    SealedAttachment seal(String name, String contentType, InputStream content) throws IOException {
        AttachmentSealer.Sealing sealing = sealerStep(this::begin);
        OutputStream out = sealerStep(sealing::plaintext);
        byte[] buf = new byte[CHUNK];
        for (int n = content.read(buf); n >= 0; n = content.read(buf)) {
            int length = n;
            sealerStep(() -> {
                out.write(buf, 0, length);
                return null;
            });
        }
        AttachmentSealer.SealedBlob blob = sealerStep(sealing::finish);
        return new SealedAttachment(name, contentType, blob.plaintextSize(), blob.blob(), blob.scrubbed());
    }

    private AttachmentSealer.Sealing begin() throws IOException {
        AttachmentSealer.Sealing sealing = sealer.begin();
        begun.add(sealing);
        return sealing;
    }

    /** Runs one call into the sealer; whatever it throws becomes a local-I/O abort. */
    private static <T> T sealerStep(SealerCall<T> call) throws IntakeAbort {
        try {
            return call.run();
        } catch (IOException | RuntimeException e) {
            throw IntakeAbort.localIo(SEALING_FAILED, e);
        }
    }

    @FunctionalInterface
    private interface SealerCall<T> {
        T run() throws IOException;
    }

    /** Deletes every blob this message began; safe to call more than once. */
    void abandonAll() {
        for (AttachmentSealer.Sealing sealing : begun) {
            try {
                sealing.abandon();
            } catch (RuntimeException e) {
                // keep abandoning the others; the caller reports the original failure
            }
        }
        begun.clear();
    }
}
