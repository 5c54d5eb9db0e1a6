// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.util.List;
import java.util.Optional;
import org.tipbridge.bridge.store.BlobRef;

/**
 * What the metadata scrub made of one attachment: the cleaned copy (sealed; absent when the file
 * could not be cleaned), the findings in plain words without values (they go into the record), and
 * a separately sealed blob holding the findings with their values, opened only with the original.
 * {@code format} and {@code outcome} are the scrubber's words, lower case (e.g. "jpeg", "cleaned").
 */
public record Scrubbed(
        Optional<BlobRef> cleaned,
        long cleanedSize,
        BlobRef findingValues,
        String format,
        String outcome,
        List<String> findings) {

    public Scrubbed {
        findings = List.copyOf(findings);
    }
}
