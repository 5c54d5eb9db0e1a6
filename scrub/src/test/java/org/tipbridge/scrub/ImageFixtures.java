// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/**
 * Generates the test images: a real picture encoded by ImageIO (JPEG, PNG, GIF) or built by hand
 * (a 1x1 lossless WebP), with identifying metadata spliced in byte by byte. Every fixture is
 * the same bytes on every run.
 */
public final class ImageFixtures {
    static final String XMP_CREATOR = "Jane Ranger";
    static final String CITY = "Nairobi";
    static final String COMMENT = "photo by Jane Ranger near Nairobi";
    static final String TRAILER = "TRAILINGSECRET";
    /** Values that must not appear anywhere an independent reader looks in a cleaned file. */
    static final java.util.List<String> IDENTIFYING = java.util.List.of(
            ExifFixture.MAKE,
            ExifFixture.MODEL,
            ExifFixture.SOFTWARE,
            ExifFixture.ARTIST,
            ExifFixture.BODY_SERIAL,
            ExifFixture.LENS_SERIAL,
            "2024:05:06",
            CITY,
            "Kenya",
            "Ranger",
            TRAILER);

    private ImageFixtures() {}

    static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | ((x ^ y) & 0xFF));
            }
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] plainJpeg() {
        return encode(picture(64, 48, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    /** A JPEG with Exif (GPS, serials, thumbnail), XMP, IPTC, a comment, a maker segment and data after its end. */
    public static byte[] jpegWithMetadata() {
        byte[] plain = plainJpeg();
        int afterApp0 = 4 + (((plain[4] & 0xFF) << 8) | (plain[5] & 0xFF));
        byte[] thumbnail = encode(picture(8, 8, BufferedImage.TYPE_INT_RGB), "jpeg");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, afterApp0);
        segment(out, 0xE1, concat(ascii("Exif\0\0"), ExifFixture.tiff(thumbnail)));
        segment(out, 0xE1, concat(ascii("http://ns.adobe.com/xap/1.0/\0"), ascii(xmp())));
        segment(out, 0xED, concat(ascii("Photoshop 3.0\0"), photoshopIptc()));
        segment(out, 0xFE, ascii(COMMENT));
        segment(out, 0xEB, ascii("MAKERDATA " + ExifFixture.BODY_SERIAL));
        out.write(plain, afterApp0, plain.length - afterApp0);
        out.writeBytes(ascii(TRAILER));
        return out.toByteArray();
    }

    static void segment(ByteArrayOutputStream out, int marker, byte[] data) {
        int length = data.length + 2;
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length});
        out.writeBytes(data);
    }

    static String xmp() {
        return "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>"
                + "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                + "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'"
                + " xmlns:exif='http://ns.adobe.com/exif/1.0/' exif:GPSLatitude=\"2,7.404S\" exif:GPSLongitude=\"37,34.068E\">"
                + "<dc:creator><rdf:Seq><rdf:li>" + XMP_CREATOR + "</rdf:li></rdf:Seq></dc:creator>"
                + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>";
    }

    /** A Photoshop image-resource block with one IPTC resource: by-line, city, country. */
    static byte[] photoshopIptc() {
        ByteArrayOutputStream iim = new ByteArrayOutputStream();
        iptc(iim, 0, new byte[] {0, 4});
        iptc(iim, 80, ascii(ExifFixture.ARTIST));
        iptc(iim, 90, ascii(CITY));
        iptc(iim, 101, ascii("Kenya"));
        byte[] data = iim.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(12 + data.length + (data.length & 1));
        b.put(ascii("8BIM"))
                .putShort((short) 0x0404)
                .putShort((short) 0)
                .putInt(data.length)
                .put(data);
        return b.array();
    }

    private static void iptc(ByteArrayOutputStream out, int dataset, byte[] value) {
        out.writeBytes(new byte[] {0x1C, 2, (byte) dataset, (byte) (value.length >> 8), (byte) value.length});
        out.writeBytes(value);
    }

    static byte[] plainPng() {
        return encode(picture(32, 24, BufferedImage.TYPE_INT_RGB), "png");
    }

    /** A PNG with tEXt Author, zTXt Comment, iTXt Description and XMP, eXIf, tIME and a private chunk. */
    static byte[] pngWithMetadata() {
        byte[] plain = plainPng();
        int afterHeader = 8 + 25;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, afterHeader);
        chunk(out, "tEXt", ascii("Author\0" + ExifFixture.ARTIST));
        chunk(out, "zTXt", concat(ascii("Comment\0\0"), deflate(ascii(COMMENT))));
        chunk(out, "iTXt", concat(ascii("Description\0\0\0en\0\0"), COMMENT.getBytes(StandardCharsets.UTF_8)));
        chunk(out, "iTXt", concat(ascii("XML:com.adobe.xmp\0\0\0\0\0"), ascii(xmp())));
        chunk(out, "eXIf", ExifFixture.tiff(new byte[0]));
        chunk(out, "tIME", new byte[] {0x07, (byte) 0xE8, 5, 6, 7, 8, 9});
        chunk(out, "prVt", ascii(ExifFixture.BODY_SERIAL));
        out.write(plain, afterHeader, plain.length - afterHeader);
        return out.toByteArray();
    }

    static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length).put(ascii(type)).put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 4, 4 + data.length);
        b.putInt((int) crc.getValue());
        out.writeBytes(b.array());
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(9);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        return out.toByteArray();
    }

    static byte[] plainGif() {
        return encode(picture(16, 16, BufferedImage.TYPE_BYTE_INDEXED), "gif");
    }

    /** A GIF with a looping block (kept), a comment and an XMP application block. */
    static byte[] gifWithMetadata() {
        byte[] plain = plainGif();
        int packed = plain[10] & 0xFF;
        int afterScreen = 13 + ((packed & 0x80) != 0 ? 3 << ((packed & 7) + 1) : 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(plain, 0, afterScreen);
        out.writeBytes(new byte[] {0x21, (byte) 0xFF, 11});
        out.writeBytes(ascii("NETSCAPE2.0"));
        out.writeBytes(new byte[] {3, 1, 0, 0, 0});
        out.writeBytes(new byte[] {0x21, (byte) 0xFE, (byte) COMMENT.length()});
        out.writeBytes(ascii(COMMENT));
        out.write(0);
        out.writeBytes(new byte[] {0x21, (byte) 0xFF, 11});
        out.writeBytes(ascii("XMP DataXMP"));
        out.writeBytes(ascii(xmp()));
        out.write(1);
        for (int b = 0xFF; b >= 0; b--) {
            out.write(b);
        }
        out.write(0);
        out.write(plain, afterScreen, plain.length - afterScreen);
        return out.toByteArray();
    }

    /** The VP8L bitstream of one opaque pixel: header, no transforms, five one-symbol prefix codes. */
    static byte[] vp8lPixel() {
        return new byte[] {0x2F, 0x00, 0x00, 0x00, 0x00, 0x28, 0x60, (byte) 0x81, 0x0A, (byte) 0xD2, (byte) 0xFF, 0x00};
    }

    /** An extended WebP (VP8X) of one lossless pixel with EXIF and XMP chunks, and the flags saying so. */
    static byte[] webpWithMetadata() {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        riffChunk(chunks, "VP8X", new byte[] {0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        riffChunk(chunks, "VP8L", vp8lPixel());
        riffChunk(chunks, "EXIF", ExifFixture.tiff(new byte[0]));
        riffChunk(chunks, "XMP ", ascii(xmp()));
        return riff(chunks.toByteArray());
    }

    static byte[] riff(byte[] chunks) {
        ByteBuffer b = ByteBuffer.allocate(12 + chunks.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(4 + chunks.length).put(ascii("WEBP")).put(chunks);
        return b.array();
    }

    static void riffChunk(ByteArrayOutputStream out, String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii(type)).putInt(data.length).put(data);
        out.writeBytes(b.array());
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
