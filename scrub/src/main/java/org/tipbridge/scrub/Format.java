// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

/** The formats the scrubber tells apart, by their first bytes (never by a declared type or name). */
public enum Format {
    JPEG,
    PNG,
    GIF,
    WEBP,
    TIFF,
    HEIF,
    PDF,
    /** Office Open XML: docx, xlsx, pptx (a zip with {@code [Content_Types].xml}). */
    OOXML,
    /** OpenDocument: odt, ods, odp (a zip whose first entry is {@code mimetype}). */
    ODF,
    /** MP4, MOV, 3GP (ISO base media boxes). */
    MP4,
    ZIP,
    UNKNOWN
}
