// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Tells the format from a file's first bytes. A zip-based document is reported as {@link Format#ZIP}: its cleaner looks inside. */
final class FormatSniffer {
    /** How many first bytes the sniffer looks at (a PDF header may start anywhere in the first 1024). */
    static final int HEAD = 1024;

    private static final Set<String> HEIF_BRANDS =
            Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1", "avif", "avis");
    private static final Set<String> QUICKTIME_ATOMS = Set.of("moov", "mdat", "wide", "free", "skip", "pnot");

    private FormatSniffer() {}

    static Format sniff(byte[] head, int length) {
        if (starts(head, length, 0xFF, 0xD8, 0xFF)) {
            return Format.JPEG;
        }
        if (starts(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Format.PNG;
        }
        if (ascii(head, length, 0, "GIF87a") || ascii(head, length, 0, "GIF89a")) {
            return Format.GIF;
        }
        if (ascii(head, length, 0, "RIFF") && ascii(head, length, 8, "WEBP")) {
            return Format.WEBP;
        }
        if (starts(head, length, 'I', 'I', 42, 0) || starts(head, length, 'M', 'M', 0, 42)) {
            return Format.TIFF;
        }
        if (starts(head, length, 'P', 'K', 3, 4)) {
            return Format.ZIP;
        }
        if (ascii(head, length, 4, "ftyp")) {
            return length >= 12 && HEIF_BRANDS.contains(text(head, 8, 4)) ? Format.HEIF : Format.MP4;
        }
        if (length >= 8 && QUICKTIME_ATOMS.contains(text(head, 4, 4))) {
            return Format.MP4;
        }
        if (indexOf(head, length, "%PDF-") >= 0) {
            return Format.PDF;
        }
        return Format.UNKNOWN;
    }

    private static boolean starts(byte[] head, int length, int... bytes) {
        if (length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(byte[] head, int length, int at, String text) {
        return length >= at + text.length() && text(head, at, text.length()).equals(text);
    }

    private static String text(byte[] head, int at, int n) {
        return new String(head, at, n, StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] head, int length, String text) {
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (head[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
