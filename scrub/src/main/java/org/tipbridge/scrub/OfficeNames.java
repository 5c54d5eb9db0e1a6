// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.Locale;

/** Namespaces and names shared by the office-document policies. */
final class OfficeNames {
    static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    static final String W15 = "http://schemas.microsoft.com/office/word/2012/wordml";
    static final String R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    static final String SPREADSHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    static final String ODF_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";
    static final String ODF_CONFIG = "urn:oasis:names:tc:opendocument:xmlns:config:1.0";
    static final String ODF_MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0";
    static final String DC = "http://purl.org/dc/elements/1.1/";

    /** What replaces a person's name. */
    static final String AUTHOR = "Author";
    /** What replaces a person's initials. */
    static final String INITIALS = "A";

    private OfficeNames() {}

    /** A part name as OPC compares them: without a leading slash, case-insensitive. */
    static String partKey(String name) {
        return (name.startsWith("/") ? name.substring(1) : name).toLowerCase(Locale.ROOT);
    }

    /** Whether an external link points at a file on someone's computer rather than the web. */
    static boolean localFile(String target) {
        String t = target.strip().toLowerCase(Locale.ROOT);
        return t.startsWith("file:") || t.startsWith("\\\\") || t.matches("^[a-z]:[\\\\/].*") || t.startsWith("/");
    }
}
