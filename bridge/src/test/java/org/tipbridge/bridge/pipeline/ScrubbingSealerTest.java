// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tipbridge.bridge.store.BlobRef;
import org.tipbridge.scrub.ScrubLimits;
import org.tipbridge.scrub.Scrubber;

/** The tee between sealing and cleaning, with sealings kept in memory and recorded. */
class ScrubbingSealerTest {
    private final List<Recorded> begun = new CopyOnWriteArrayList<>();

    @Test
    @Timeout(30)
    void aCleanedCopyThatCannotBeWrittenFailsTheWriterInsteadOfHangingIt() {
        ScrubbingSealer sealer = new ScrubbingSealer(sealer(1), Scrubber.standard(), ScrubLimits.DEFAULT);

        assertThatThrownBy(() -> {
                    AttachmentSealer.Sealing sealing = sealer.begin();
                    byte[] chunk = new byte[64 * 1024];
                    for (int i = 0; i < 64; i++) {
                        sealing.plaintext().write(chunk);
                    }
                    sealing.finish();
                })
                .isInstanceOf(IOException.class);
    }

    @Test
    @Timeout(30)
    void eachAttachmentGivesAnOriginalACleanedCopyAndFindings() throws Exception {
        ScrubbingSealer sealer = new ScrubbingSealer(sealer(-1), Scrubber.standard(), ScrubLimits.DEFAULT);
        AttachmentSealer.Sealing sealing = sealer.begin();
        byte[] text = "meet at the north gate".getBytes(StandardCharsets.US_ASCII);
        sealing.plaintext().write(text);

        AttachmentSealer.SealedBlob sealed = sealing.finish();

        assertThat(sealed.scrubbed()).isPresent();
        assertThat(begun).hasSize(3).allMatch(r -> r.finished);
        assertThat(begun.get(0).bytes.toByteArray()).isEqualTo(text);
        assertThat(begun.get(1).bytes.toByteArray())
                .as("not checked: copied as it came")
                .isEqualTo(text);
        assertThat(sealed.scrubbed().get().outcome()).isEqualTo("not-checked");
    }

    @Test
    @Timeout(30)
    void abandoningMidWriteAbandonsBothCopiesAndStopsTheCleaner() throws Exception {
        ScrubbingSealer sealer = new ScrubbingSealer(sealer(-1), Scrubber.standard(), ScrubLimits.DEFAULT);
        AttachmentSealer.Sealing sealing = sealer.begin();
        sealing.plaintext().write(new byte[10_000]);

        sealing.abandon();

        assertThat(begun).hasSize(2).allMatch(r -> r.abandoned && !r.finished);
    }

    /** An in-memory sealer; the sealing begun as number {@code failing} (0-based) fails every write. */
    private AttachmentSealer sealer(int failing) {
        return () -> {
            Recorded r = new Recorded(begun.size() == failing);
            begun.add(r);
            return r;
        };
    }

    /** A sealing in memory; {@code failing} makes every write throw, as a full disk would. */
    private static final class Recorded implements AttachmentSealer.Sealing {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final boolean failing;
        volatile boolean finished;
        volatile boolean abandoned;

        Recorded(boolean failing) {
            this.failing = failing;
        }

        @Override
        public OutputStream plaintext() {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (failing) {
                        throw new IOException("disk full");
                    }
                    synchronized (bytes) {
                        bytes.write(b, off, len);
                    }
                }
            };
        }

        @Override
        public AttachmentSealer.SealedBlob finish() {
            finished = true;
            return new AttachmentSealer.SealedBlob(new BlobRef("0".repeat(32), bytes.size()), bytes.size());
        }

        @Override
        public void abandon() {
            abandoned = true;
        }
    }
}
