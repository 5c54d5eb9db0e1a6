// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.InflaterInputStream;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;

/**
 * The author and tool names of an XMP packet, for the report: read only when cheap (the stream is
 * plain or deflated) and only its first bytes, so a hostile stream cannot make it expand.
 */
final class XmpValues {
    private static final int MAX_READ = 256 * 1024;
    private static final Pattern VALUES = Pattern.compile(
            "<(dc:creator|xmp:CreatorTool|pdf:Producer)>\\s*(?:<rdf:Seq>\\s*<rdf:li[^>]*>)?([^<]{1,200})<");

    private XmpValues() {}

    /** E.g. "dc:creator=Jane Doe; xmp:CreatorTool=Writer", or null when none was found cheaply. */
    static String of(COSStream stream) {
        try (InputStream raw = decoded(stream)) {
            if (raw == null) {
                return null;
            }
            String text = new String(raw.readNBytes(MAX_READ), StandardCharsets.UTF_8);
            List<String> found = new ArrayList<>();
            Matcher m = VALUES.matcher(text);
            while (m.find() && found.size() < 8) {
                found.add(m.group(1) + "=" + m.group(2).strip());
            }
            return found.isEmpty() ? null : String.join("; ", found);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static InputStream decoded(COSStream stream) throws IOException {
        COSBase filters = stream.getFilters();
        if (filters == null) {
            return stream.createRawInputStream();
        }
        if (COSName.FLATE_DECODE.equals(filters)) {
            return new InflaterInputStream(stream.createRawInputStream());
        }
        return null;
    }
}
