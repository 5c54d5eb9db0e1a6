// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.Map;
import java.util.Optional;

/**
 * Makes a sender-chosen file name safe to show and to save: no directories (neither {@code /} nor
 * {@code \}), no control or bidi characters, no leading dots, at most 200 characters; a neutral
 * {@code attachment-N.ext} when nothing usable is left.
 */
final class AttachmentName {
    static final int MAX_LENGTH = 200;
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("text/plain", "txt"),
            Map.entry("text/html", "html"),
            Map.entry("application/pdf", "pdf"),
            Map.entry("image/jpeg", "jpg"),
            Map.entry("image/png", "png"),
            Map.entry("image/gif", "gif"),
            Map.entry("image/webp", "webp"),
            Map.entry("image/heic", "heic"),
            Map.entry("video/mp4", "mp4"),
            Map.entry("audio/mpeg", "mp3"),
            Map.entry("audio/ogg", "ogg"),
            Map.entry("application/zip", "zip"),
            Map.entry("message/rfc822", "eml"),
            Map.entry("application/pgp-encrypted", "pgp"),
            Map.entry("application/pgp-signature", "asc"),
            Map.entry("application/msword", "doc"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"));

    private AttachmentName() {}

    static String of(Optional<String> declared, String contentType, int ordinal) {
        return declared.map(AttachmentName::clean)
                .filter(s -> !s.isEmpty())
                .orElseGet(() -> fallback(contentType, ordinal));
    }

    static String clean(String name) {
        String base = name;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        base = base.substring(slash + 1);
        base = CleanText.line(base).replaceAll("^[.\\s]+", "").strip();
        if (base.codePointCount(0, base.length()) > MAX_LENGTH) {
            base = base.substring(0, base.offsetByCodePoints(0, MAX_LENGTH)).strip();
        }
        return base;
    }

    static String fallback(String contentType, int ordinal) {
        String ext = EXTENSIONS.getOrDefault(contentType, "bin");
        return "attachment-" + ordinal + "." + ext;
    }
}
