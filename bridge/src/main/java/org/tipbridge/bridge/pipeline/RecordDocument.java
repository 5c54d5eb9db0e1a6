// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.util.List;

/**
 * The content of a sealed record, as analysts decrypt it (JSON inside the OpenPGP message).
 * Field names are stable: the CLI and other tools read them. {@code language} may be null.
 */
public record RecordDocument(
        int version,
        String handle,
        String channel,
        String received,
        String subject,
        String body,
        boolean encrypted,
        String signature,
        String language,
        List<String> warnings,
        List<Attachment> attachments) {

    /** 2: attachments carry the scrub's cleaned copy and findings. Version 1 documents decode too. */
    public static final int VERSION = 2;

    /**
     * One attachment. {@code blob} is the file as it came (the original: opened only on purpose).
     * When the scrub ran: {@code cleaned} is the cleaned copy analysts work on (null when the file
     * could not be cleaned), {@code removed} what was found, in plain words without values (the
     * stable name the CLI's JSON uses), {@code findingValues} the blob with the findings' values,
     * {@code format} and {@code outcome} the scrubber's words. All null for version 1 records.
     */
    public record Attachment(
            String name,
            String contentType,
            long size,
            String blob,
            String cleaned,
            Long cleanedSize,
            String format,
            String outcome,
            List<String> removed,
            String findingValues) {

        /** An attachment the scrub did not see (version 1 records, tests). */
        public Attachment(String name, String contentType, long size, String blob) {
            this(name, contentType, size, blob, null, null, null, null, null, null);
        }

        public boolean scrubbed() {
            return outcome != null;
        }
    }
}
