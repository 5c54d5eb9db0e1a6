// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a sender-chosen file name safe to show and to save: no directories (neither {@code /} nor
 * {@code \}), no control or bidi characters, no leading dots, no identifiers (e-mail addresses,
 * phone numbers, UUIDs, IP addresses), at most 200 characters with the extension kept; a neutral
 * {@code attachment-N.ext} when nothing usable is left.
 */
public final class AttachmentName {
    static final int MAX_LENGTH = 200;
    /** Longer names are cut to this before scrubbing (bounded work), then to {@link #MAX_LENGTH}. */
    private static final int SCRUB_WINDOW = 1000;

    private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z0-9]{1,8}$");
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

    /**
     * A safe name for an attachment: the declared name cleaned, else {@code attachment-N.ext}. A
     * name a camera or phone made up (it carries the capture time and often the device) or one that
     * looks like a person's name is reduced to {@code attachment-N.ext} with its own extension.
     */
    public static String of(Optional<String> declared, String contentType, int ordinal) {
        String name = declared.map(AttachmentName::clean).orElse("");
        if (name.isEmpty()) {
            return fallback(contentType, ordinal);
        }
        if (revealing(name) || revealing(lastPart(declared.get()))) {
            Matcher ext = EXTENSION.matcher(name);
            return ext.find()
                    ? "attachment-" + ordinal + ext.group().toLowerCase(java.util.Locale.ROOT)
                    : fallback(contentType, ordinal);
        }
        return name.startsWith(".") ? "attachment-" + ordinal + name : name;
    }

    /** The cleaned name; just {@code .ext} when only the extension survived; empty when nothing did. */
    static String clean(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        String flat = CleanText.line(name.substring(slash + 1)).replaceAll("^[.\\s]+", "");
        if (flat.length() > SCRUB_WINDOW) {
            flat = flat.substring(0, SCRUB_WINDOW);
        }
        Matcher ext = EXTENSION.matcher(flat);
        String extension = ext.find() ? ext.group() : "";
        String base = NameScrubber.scrub(flat.substring(0, flat.length() - extension.length()));
        if (base.isEmpty()) {
            return extension;
        }
        int room = MAX_LENGTH - extension.length();
        if (base.codePointCount(0, base.length()) > room) {
            base = base.substring(0, base.offsetByCodePoints(0, room)).strip();
        }
        return base + extension;
    }

    private static String lastPart(String declared) {
        String cut = declared.length() > SCRUB_WINDOW ? declared.substring(0, SCRUB_WINDOW) : declared;
        int slash = Math.max(cut.lastIndexOf('/'), cut.lastIndexOf('\\'));
        return cut.substring(slash + 1).strip();
    }

    /** A device's default name (IMG_20240101_123456, DSC01234, PXL_..., WhatsApp Image ...), a date or time, or Two Capitalised words. */
    static boolean revealing(String name) {
        String stem = EXTENSION.matcher(name).replaceFirst("");
        return DEVICE_DEFAULT.matcher(stem).find()
                || TIMESTAMP.matcher(stem).find()
                || PERSON.matcher(stem).matches();
    }

    private static final Pattern DEVICE_DEFAULT = Pattern.compile(
            "^(img|vid|pxl|mvimg|dsc[nf]?|dcim|gopr|gp|cimg|pano|sam|wp|aud|ptt|vn|mov|signal|screenshot|"
                    + "screen ?shot|screen recording|whatsapp (image|video|audio)|photo|video)[ _-]*\\d",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TIMESTAMP =
            Pattern.compile("\\d{8}|\\d{4}[-_.]\\d{2}[-_.]\\d{2}|\\d{2}[.:]\\d{2}[.:]\\d{2}");
    private static final Pattern PERSON = Pattern.compile("\\p{Lu}\\p{Ll}+([ _.-]\\p{Lu}\\p{Ll}+){1,2}");

    static String fallback(String contentType, int ordinal) {
        String ext = EXTENSIONS.getOrDefault(contentType, "bin");
        return "attachment-" + ordinal + "." + ext;
    }
}
