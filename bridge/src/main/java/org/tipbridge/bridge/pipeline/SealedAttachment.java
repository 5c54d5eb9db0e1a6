// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tipbridge.bridge.store.BlobRef;

/**
 * An attachment already sealed to the analysts: sanitised name, declared content type, plaintext
 * size, and {@code blob}, the file exactly as it came (the original). {@code scrubbed}, when the
 * scrub stage ran, holds the cleaned copy and what was found.
 */
public record SealedAttachment(String name, String contentType, long size, BlobRef blob, Optional<Scrubbed> scrubbed) {

    public SealedAttachment(String name, String contentType, long size, BlobRef blob) {
        this(name, contentType, size, blob, Optional.empty());
    }

    /** Every blob this attachment owns: the original, and the cleaned copy and findings when scrubbed. */
    public List<BlobRef> blobs() {
        List<BlobRef> all = new ArrayList<>();
        all.add(blob);
        scrubbed.ifPresent(s -> {
            s.cleaned().ifPresent(all::add);
            all.add(s.findingValues());
        });
        return all;
    }
}
