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

    public static final int VERSION = 1;

    /** One attachment: its sealed blob id is how the CLI finds the content. */
    public record Attachment(String name, String contentType, long size, String blob) {}
}
