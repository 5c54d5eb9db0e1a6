// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tipbridge.bridge.pipeline.AttachmentSealer;
import org.tipbridge.bridge.store.BlobRef;

/** Test double: "seals" attachments into byte arrays and remembers what was finished or abandoned. */
final class InMemorySealer implements AttachmentSealer {
    private final Map<String, ByteArrayOutputStream> live = new LinkedHashMap<>();
    private int begun;
    private int abandoned;
    private boolean failOnBegin;
    private RuntimeException uncheckedOnBegin;
    private RuntimeException uncheckedOnFinish;

    InMemorySealer failingOnBegin() {
        failOnBegin = true;
        return this;
    }

    /** begin() throws {@code failure} (as a store on a full disk does). */
    InMemorySealer throwingOnBegin(RuntimeException failure) {
        uncheckedOnBegin = failure;
        return this;
    }

    /** finish() throws {@code failure}. */
    InMemorySealer throwingOnFinish(RuntimeException failure) {
        uncheckedOnFinish = failure;
        return this;
    }

    @Override
    public Sealing begin() throws IOException {
        if (failOnBegin) {
            throw new IOException("disk full");
        }
        if (uncheckedOnBegin != null) {
            throw uncheckedOnBegin;
        }
        String id = "blob-" + (++begun);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        live.put(id, bytes);
        return new Sealing() {
            @Override
            public OutputStream plaintext() {
                return bytes;
            }

            @Override
            public SealedBlob finish() {
                if (uncheckedOnFinish != null) {
                    throw uncheckedOnFinish;
                }
                return new SealedBlob(new BlobRef(id, bytes.size()), bytes.size());
            }

            @Override
            public void abandon() {
                if (live.remove(id) != null) {
                    abandoned++;
                }
            }
        };
    }

    byte[] content(BlobRef blob) {
        return live.get(blob.id()).toByteArray();
    }

    String text(BlobRef blob) {
        return new String(content(blob), StandardCharsets.UTF_8);
    }

    int begun() {
        return begun;
    }

    int abandoned() {
        return abandoned;
    }

    int live() {
        return live.size();
    }
}
