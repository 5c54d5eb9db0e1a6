// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.Map;

/** Plain words for QuickTime, iTunes-style and Apple metadata entries. */
final class MetadataNames {
    private static final String APPLE = "com.apple.quicktime.";

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("\u00A9xyz", "GPS position"),
            Map.entry("location.ISO6709", "GPS position"),
            Map.entry("location.name", "place name"),
            Map.entry("\u00A9mak", "camera make"),
            Map.entry("make", "camera make"),
            Map.entry("\u00A9mod", "camera model"),
            Map.entry("model", "camera model"),
            Map.entry("\u00A9swr", "software"),
            Map.entry("\u00A9too", "software"),
            Map.entry("\u00A9enc", "software"),
            Map.entry("software", "software"),
            Map.entry("\u00A9day", "recording date"),
            Map.entry("creationdate", "recording date"),
            Map.entry("\u00A9nam", "title"),
            Map.entry("title", "title"),
            Map.entry("displayname", "title"),
            Map.entry("\u00A9ART", "author name"),
            Map.entry("\u00A9aut", "author name"),
            Map.entry("author", "author name"),
            Map.entry("artist", "author name"),
            Map.entry("\u00A9cmt", "comment"),
            Map.entry("\u00A9des", "comment"),
            Map.entry("\u00A9inf", "comment"),
            Map.entry("comment", "comment"),
            Map.entry("description", "comment"),
            Map.entry("\u00A9cpy", "copyright"),
            Map.entry("cprt", "copyright"),
            Map.entry("copyright", "copyright"));

    private MetadataNames() {}

    /** A removed finding for the entry {@code name} (a four-character code or an Apple key) with its value. */
    static Finding finding(String name, String value) {
        String key = name.startsWith(APPLE) ? name.substring(APPLE.length()) : name;
        String words = WORDS.get(key);
        if (words == null) {
            String shown = name.length() == 4 ? Bytes.fourCc(name) : name;
            return Finding.removed("other metadata", value.isEmpty() ? shown : shown + ": " + value);
        }
        return Finding.removed(words, words.equals("GPS position") ? Iso6709.degrees(value) : value);
    }
}
