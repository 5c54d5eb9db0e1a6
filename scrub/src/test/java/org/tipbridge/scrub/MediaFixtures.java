// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds small byte-exact MP4 and HEIF files full of identifying metadata (TIFF files: {@link TiffFixtures}). */
final class MediaFixtures {
    static final String LOCATION = "+01.2345-036.7890/";
    static final String MAKE = "Acmecam";
    static final String MODEL = "Phone X17";
    static final String SOFTWARE = "Acmecam Firmware 9.8.7";
    static final String AUTHOR = "Jane Source";
    static final String SERIAL = "SN4815162342";
    /** 2019-05-06T07:08:09Z in seconds since 1904. */
    static final long RECORDED = Instant.parse("2019-05-06T07:08:09Z").getEpochSecond() + 2_082_844_800L;

    /** The sample bytes in mdat: two samples of 32 bytes. */
    static final byte[] SAMPLES = samples();

    private MediaFixtures() {}

    /** ftyp, then moov and mdat in either order; mdat with a 64-bit size when {@code largeMdat}. */
    static byte[] mp4(boolean movieFirst, boolean largeMdat) {
        byte[] ftyp = box("ftyp", ascii("isom"), u32(0x200), ascii("isomiso2mp41"));
        byte[] mdat = largeMdat ? cat(u32(1), ascii("mdat"), u64(16 + SAMPLES.length), SAMPLES) : box("mdat", SAMPLES);
        int mdatHeader = largeMdat ? 16 : 8;
        int movieLength = movie(0).length;
        long samplesAt = ftyp.length + mdatHeader + (movieFirst ? movieLength : 0);
        byte[] moov = movie(samplesAt);
        return movieFirst ? cat(ftyp, moov, mdat) : cat(ftyp, mdat, moov);
    }

    static byte[] samples() {
        byte[] s = new byte[64];
        for (int i = 0; i < s.length; i++) {
            s[i] = (byte) (i * 7 + 3);
        }
        return s;
    }

    static byte[] movie(long samplesAt) {
        return box("moov", movieHeader(), track(samplesAt), userData(), appleMeta());
    }

    static byte[] movieHeader() {
        return box(
                "mvhd",
                u32(0),
                u32(RECORDED),
                u32(RECORDED),
                u32(1000),
                u32(2000),
                u32(0x10000),
                u16(0x100),
                new byte[10],
                matrix(),
                new byte[24],
                u32(2));
    }

    static byte[] track(long samplesAt) {
        byte[] tkhd = box(
                "tkhd",
                u32(3),
                u32(RECORDED),
                u32(RECORDED),
                u32(1),
                u32(0),
                u32(2000),
                new byte[8],
                u16(0),
                u16(0),
                u16(0),
                u16(0),
                matrix(),
                u32(16 << 16),
                u32(16 << 16));
        byte[] mdhd = box("mdhd", u32(0), u32(RECORDED), u32(RECORDED), u32(1000), u32(2000), u16(0x55C4), u16(0));
        byte[] hdlr = box("hdlr", u32(0), u32(0), ascii("vide"), new byte[12], ascii(MAKE + " Video\0"));
        byte[] stbl = box(
                "stbl",
                box("stsd", u32(0), u32(0)),
                box("stts", u32(0), u32(1), u32(2), u32(1000)),
                box("stsc", u32(0), u32(1), u32(1), u32(1), u32(1)),
                box("stsz", u32(0), u32(0), u32(2), u32(32), u32(32)),
                box("stco", u32(0), u32(2), u32(samplesAt), u32(samplesAt + 32)));
        byte[] minf = box("minf", box("vmhd", u32(1), new byte[8]), stbl);
        return box("trak", tkhd, box("mdia", mdhd, hdlr, minf), box("udta", box("\u00A9nam", text("walk"))));
    }

    static byte[] userData() {
        return box(
                "udta",
                box("\u00A9xyz", text(LOCATION)),
                box("\u00A9mak", text(MAKE)),
                box("\u00A9mod", text(MODEL)),
                box("\u00A9too", text(SOFTWARE)),
                box("\u00A9ART", text(AUTHOR)));
    }

    /** QuickTime-style meta (no version and flags) with keys and ilst, as Apple devices write. */
    static byte[] appleMeta() {
        byte[] hdlr = box("hdlr", u32(0), u32(0), ascii("mdta"), new byte[12], new byte[1]);
        byte[] keys = box(
                "keys",
                u32(0),
                u32(3),
                key("com.apple.quicktime.location.ISO6709"),
                key("com.apple.quicktime.make"),
                key("com.apple.quicktime.model"));
        byte[] ilst = box("ilst", item(1, "+01.2345-036.7890+012.000/"), item(2, MAKE), item(3, MODEL));
        return box("meta", hdlr, keys, ilst);
    }

    private static byte[] key(String name) {
        byte[] n = ascii(name);
        return cat(u32(8 + n.length), ascii("mdta"), n);
    }

    private static byte[] item(int index, String value) {
        return cat(u32(8 + 16 + utf8(value).length), u32(index), box("data", u32(1), u32(0), utf8(value)));
    }

    /** QuickTime international text: length, language, text. */
    private static byte[] text(String value) {
        return cat(u16(utf8(value).length), u16(0x15C7), utf8(value));
    }

    private static byte[] matrix() {
        return cat(u32(0x10000), u32(0), u32(0), u32(0), u32(0x10000), u32(0), u32(0), u32(0), u32(0x40000000));
    }

    // ---- HEIF ----

    /** ftyp heic; meta with hdlr, pitm, iinf (an image item and an Exif item), iloc into mdat; mdat with Exif. */
    static byte[] heic() {
        byte[] ftyp = box("ftyp", ascii("heic"), u32(0), ascii("mif1heic"));
        byte[] exif = cat(u32(6), ascii("Exif\0\0"), TiffFixtures.exifOnly());
        byte[] image = new byte[40];
        int metaLength = heifMeta(0, 0, 0).length;
        long imageAt = ftyp.length + metaLength + 8;
        byte[] meta = heifMeta(imageAt, imageAt + image.length, exif.length);
        return cat(ftyp, meta, box("mdat", image, exif));
    }

    private static byte[] heifMeta(long imageAt, long exifAt, int exifLength) {
        byte[] hdlr = box("hdlr", u32(0), u32(0), ascii("pict"), new byte[12], new byte[1]);
        byte[] pitm = box("pitm", u32(0), u16(1));
        byte[] iinf = box(
                "iinf",
                u32(0),
                u16(2),
                box("infe", u32(2 << 24), u16(1), u16(0), ascii("hvc1"), new byte[1]),
                box("infe", u32(2 << 24), u16(2), u16(0), ascii("Exif"), new byte[1]));
        byte[] iloc = box(
                "iloc",
                u32(0),
                new byte[] {0x44, 0x00},
                u16(2),
                u16(1),
                u16(0),
                u16(1),
                u32(imageAt),
                u32(40),
                u16(2),
                u16(0),
                u16(1),
                u32(exifAt),
                u32(exifLength));
        return box("meta", u32(0), hdlr, pitm, iinf, iloc);
    }

    // ---- bytes ----

    static byte[] box(String type, byte[]... parts) {
        byte[] payload = cat(parts);
        return cat(u32(8 + payload.length), ascii(type), payload);
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    static byte[] u32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] u64(long v) {
        return cat(u32(v >>> 32), u32(v));
    }
}
