// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Says what an XMP packet held in memory reveals: always "XMP metadata", and the creator and GPS position when a plain text search finds them. */
final class XmpFindings {
    private static final Pattern CREATOR =
            Pattern.compile("dc:creator>\\s*<rdf:Seq>\\s*<rdf:li[^>]{0,80}>([^<]{1,400})<");
    private static final Pattern LATITUDE = Pattern.compile("exif:GPSLatitude(?:=\"|>)([^\"<]{1,40})");
    private static final Pattern LONGITUDE = Pattern.compile("exif:GPSLongitude(?:=\"|>)([^\"<]{1,40})");

    private XmpFindings() {}

    static List<Finding> read(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.removed("XMP metadata"));
        Matcher creator = CREATOR.matcher(text);
        if (creator.find()) {
            findings.add(Finding.removed("XMP creator name", PlainValue.of(creator.group(1))));
        }
        Matcher latitude = LATITUDE.matcher(text);
        Matcher longitude = LONGITUDE.matcher(text);
        if (latitude.find() && longitude.find()) {
            findings.add(
                    Finding.removed("XMP GPS position", PlainValue.of(latitude.group(1) + " " + longitude.group(1))));
        }
        return findings;
    }

    /** Only "XMP metadata", for packets too large to hold. */
    static List<Finding> unread() {
        return List.of(Finding.removed("XMP metadata"));
    }
}
