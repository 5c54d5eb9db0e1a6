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
 * that fails later leaves nothing behind ({@link #abandonAll()}).
 */
final class AttachmentSink {
    private static final int CHUNK = 64 * 1024;
    private final AttachmentSealer sealer;
    private final List<AttachmentSealer.Sealing> begun = new ArrayList<>();

    AttachmentSink(AttachmentSealer sealer) {
        this.sealer = sealer;
    }

    /** Seals all of {@code content}. Read errors pass through; the sealer's own errors are local I/O. */
    SealedAttachment seal(String name, String contentType, InputStream content) throws IOException {
        AttachmentSealer.Sealing sealing = begin();
        OutputStream out = sealing.plaintext();
        byte[] buf = new byte[CHUNK];
        for (int n = content.read(buf); n >= 0; n = content.read(buf)) {
            write(out, buf, n);
        }
        try {
            AttachmentSealer.SealedBlob blob = sealing.finish();
            return new SealedAttachment(name, contentType, blob.plaintextSize(), blob.blob());
        } catch (IOException e) {
            throw IntakeAbort.localIo(e);
        }
    }

    private AttachmentSealer.Sealing begin() throws IntakeAbort {
        try {
            AttachmentSealer.Sealing sealing = sealer.begin();
            begun.add(sealing);
            return sealing;
        } catch (IOException e) {
            throw IntakeAbort.localIo(e);
        }
    }

    private static void write(OutputStream out, byte[] buf, int n) throws IntakeAbort {
        try {
            out.write(buf, 0, n);
        } catch (IOException e) {
            throw IntakeAbort.localIo(e);
        }
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
