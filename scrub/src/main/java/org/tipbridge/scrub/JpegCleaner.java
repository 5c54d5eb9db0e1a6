// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a JPEG without its Exif, XMP, IPTC, comment and maker-specific segments, keeping every
 * other byte as it was: JFIF, ICC profile, Adobe colour segment, tables, frames and the
 * entropy-coded picture data, which is never decoded or re-encoded. Anything after the end marker
 * is dropped. A segment is held only while it is looked at; its 16-bit length bounds it to 64 KiB.
 */
final class JpegCleaner implements Cleaner {
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP0 = 0xE0;
    private static final int COM = 0xFE;
    private static final String EXIF = "Exif\0";
    private static final String XMP = "http://ns.adobe.com/xap/1.0/\0";
    private static final String XMP_EXTENSION = "http://ns.adobe.com/xmp/extension/\0";
    private static final String PHOTOSHOP = "Photoshop 3.0\0";

    @Override
    public ScrubReport clean(byte[] head, InputStream in, OutputStream out, ScrubLimits limits) throws IOException {
        ByteCursor cursor = new ByteCursor(head, in, "truncated JPEG");
        List<Finding> findings = new ArrayList<>();
        try {
            copy(cursor, out, limits, findings);
        } catch (MalformedFile e) {
            cursor.drain();
            return ScrubReport.failed(Format.JPEG, e.getMessage());
        }
        if (cursor.drain() > 0) {
            findings.add(Finding.removed("data after the end of the image"));
        }
        return ScrubReport.cleaned(Format.JPEG, Findings.distinct(findings));
    }

    private static void copy(ByteCursor cursor, OutputStream out, ScrubLimits limits, List<Finding> findings)
            throws IOException, MalformedFile {
        if (cursor.readByte() != 0xFF || cursor.readByte() != SOI) {
            throw new MalformedFile("not a JPEG");
        }
        out.write(new byte[] {(byte) 0xFF, (byte) SOI});
        int segments = 0;
        int marker = nextMarker(cursor);
        while (marker != EOI) {
            if (++segments > limits.maxSegments()) {
                throw new MalformedFile("too many JPEG segments");
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                out.write(new byte[] {(byte) 0xFF, (byte) marker});
                marker = nextMarker(cursor);
                continue;
            }
            int length = (cursor.readByte() << 8) | cursor.readByte();
            if (length < 2) {
                throw new MalformedFile("JPEG segment length too small");
            }
            byte[] data = cursor.readExact(length - 2);
            segment(marker, data, out, limits, findings);
            marker = marker == SOS ? cursor.copyEntropyCoded(out) : nextMarker(cursor);
        }
        out.write(new byte[] {(byte) 0xFF, (byte) EOI});
    }

    private static int nextMarker(ByteCursor cursor) throws IOException, MalformedFile {
        if (cursor.readByte() != 0xFF) {
            throw new MalformedFile("JPEG marker expected");
        }
        int code = cursor.markerAfterFF();
        if (code == 0 || code == SOI) {
            throw new MalformedFile("misplaced JPEG marker");
        }
        return code;
    }

    /** Writes the segment if it is kept, or adds what it held to the findings. */
    private static void segment(int marker, byte[] data, OutputStream out, ScrubLimits limits, List<Finding> findings)
            throws IOException {
        if (marker == APP0) {
            jfif(data, out, findings);
        } else if (marker == APP0 + 1) {
            findings.addAll(app1(data, limits));
        } else if (marker == APP0 + 2 && startsWith(data, "ICC_PROFILE\0")) {
            write(marker, data, out);
        } else if (marker == APP0 + 2 && startsWith(data, "MPF\0")) {
            findings.add(Finding.removed("multi-picture index"));
        } else if (marker == APP0 + 13 && startsWith(data, PHOTOSHOP)) {
            findings.addAll(IptcFindings.read(data, PHOTOSHOP.length(), data.length));
        } else if (marker == APP0 + 14 && startsWith(data, "Adobe")) {
            write(marker, data, out);
        } else if (marker >= APP0 && marker <= APP0 + 15) {
            findings.add(Finding.removed("maker-specific data"));
        } else if (marker == COM) {
            findings.add(Finding.removed("comment", PlainValue.ofUtf8(data, 0, data.length)));
        } else {
            write(marker, data, out);
        }
    }

    private static List<Finding> app1(byte[] data, ScrubLimits limits) {
        if (startsWith(data, EXIF) && data.length >= 6) {
            return ExifReader.read(data, 6, data.length - 6, limits);
        }
        if (startsWith(data, XMP)) {
            return XmpFindings.read(data, XMP.length(), data.length - XMP.length());
        }
        if (startsWith(data, XMP_EXTENSION)) {
            return XmpFindings.unread();
        }
        return List.of(Finding.removed("maker-specific data"));
    }

    /** Keeps JFIF (density, version) but never its thumbnail; JFXX extension segments are thumbnails. */
    private static void jfif(byte[] data, OutputStream out, List<Finding> findings) throws IOException {
        if (!startsWith(data, "JFIF\0") || data.length < 14) {
            findings.add(Finding.removed(startsWith(data, "JFXX\0") ? "embedded thumbnail" : "maker-specific data"));
            return;
        }
        if (data[12] != 0 || data[13] != 0 || data.length > 14) {
            byte[] bare = java.util.Arrays.copyOf(data, 14);
            bare[12] = 0;
            bare[13] = 0;
            findings.add(Finding.removed("embedded thumbnail"));
            write(APP0, bare, out);
        } else {
            write(APP0, data, out);
        }
    }

    private static void write(int marker, byte[] data, OutputStream out) throws IOException {
        int length = data.length + 2;
        byte[] segment = new byte[data.length + 4];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) marker;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        System.arraycopy(data, 0, segment, 4, data.length);
        out.write(segment);
    }

    private static boolean startsWith(byte[] data, String prefix) {
        return data.length >= prefix.length()
                && new String(data, 0, prefix.length(), StandardCharsets.ISO_8859_1).equals(prefix);
    }
}
