// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.tipbridge.scrub.MediaFixtures.AUTHOR;
import static org.tipbridge.scrub.MediaFixtures.MAKE;
import static org.tipbridge.scrub.MediaFixtures.MODEL;
import static org.tipbridge.scrub.MediaFixtures.SERIAL;
import static org.tipbridge.scrub.MediaFixtures.SOFTWARE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds byte-exact TIFF files: a 4x2 RGB strip, camera and author tags, Exif and GPS directories, a thumbnail. */
final class TiffFixtures {
    static final String DATE = "2019:05:06 07:08:09";
    static final int WIDTH = 4;
    static final int HEIGHT = 2;

    private static final int SHORT = 3;
    private static final int LONG = 4;
    private static final int RATIONAL = 5;
    private static final int ASCII = 2;
    private static final int BYTE = 1;

    private TiffFixtures() {}

    /** One directory under construction: entries with their values, laid out at a known offset. */
    static final class Ifd {
        private final List<Object[]> entries = new ArrayList<>();

        Ifd add(int tag, int type, int count, byte[] value) {
            entries.add(new Object[] {tag, type, count, value});
            return this;
        }

        int size() {
            int size = 2 + 12 * entries.size() + 4;
            for (Object[] e : entries) {
                int length = ((byte[]) e[3]).length;
                size += length > 4 ? length + (length & 1) : 0;
            }
            return size;
        }

        void write(ByteBuffer out, int at, int next) {
            entries.sort(Comparator.comparingInt(e -> (int) e[0]));
            out.position(at);
            out.putShort((short) entries.size());
            int values = at + 2 + 12 * entries.size() + 4;
            for (Object[] e : entries) {
                byte[] value = (byte[]) e[3];
                out.putShort((short) (int) e[0]).putShort((short) (int) e[1]).putInt((int) e[2]);
                if (value.length <= 4) {
                    out.put(value).put(new byte[4 - value.length]);
                } else {
                    out.putInt(values);
                    out.duplicate().position(values).put(value);
                    values += value.length + (value.length & 1);
                }
            }
            out.putInt(next);
        }
    }

    /** A TIFF with an RGB strip, identifying tags, Exif and GPS directories and a second (thumbnail) directory. */
    static byte[] tiff(ByteOrder order) {
        ByteBuffer out = ByteBuffer.allocate(4096).order(order);
        byte[] strip = pixels(WIDTH * HEIGHT * 3, 11);
        byte[] thumb = pixels(6, 90);
        out.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I', 42, 0} : new byte[] {'M', 'M', 0, 42});
        out.position(8).put(strip).put(thumb);
        Ifd gps = gps(order);
        Ifd exif = new Ifd()
                .add(36867, ASCII, DATE.length() + 1, ascii(DATE))
                .add(42033, ASCII, SERIAL.length() + 1, ascii(SERIAL));
        int gpsAt = 38;
        int exifAt = gpsAt + gps.size();
        Ifd thumbnail = image(order, 2, 1, 8 + strip.length, thumb.length);
        int thumbAt = exifAt + exif.size();
        int mainAt = thumbAt + thumbnail.size();
        Ifd main = image(order, WIDTH, HEIGHT, 8, strip.length);
        main.add(271, ASCII, MAKE.length() + 1, ascii(MAKE))
                .add(272, ASCII, MODEL.length() + 1, ascii(MODEL))
                .add(305, ASCII, SOFTWARE.length() + 1, ascii(SOFTWARE))
                .add(306, ASCII, DATE.length() + 1, ascii(DATE))
                .add(315, ASCII, AUTHOR.length() + 1, ascii(AUTHOR))
                .add(34665, LONG, 1, ints(order, exifAt))
                .add(34853, LONG, 1, ints(order, gpsAt));
        gps.write(out, gpsAt, 0);
        exif.write(out, exifAt, 0);
        thumbnail.write(out, thumbAt, 0);
        main.write(out, mainAt, thumbAt);
        out.position(4);
        out.putInt(mainAt);
        byte[] file = new byte[mainAt + main.size()];
        out.position(0);
        out.get(file);
        return file;
    }

    /** A big-endian TIFF with only IFD0 (make, model, GPS pointer) and a GPS directory, as in an Exif block. */
    static byte[] exifOnly() {
        ByteBuffer out = ByteBuffer.allocate(1024).order(ByteOrder.BIG_ENDIAN);
        out.put(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
        Ifd main = new Ifd()
                .add(271, ASCII, MAKE.length() + 1, ascii(MAKE))
                .add(272, ASCII, MODEL.length() + 1, ascii(MODEL));
        main.add(34853, LONG, 1, ints(ByteOrder.BIG_ENDIAN, 8 + main.size() + 12));
        int gpsAt = 8 + main.size();
        Ifd gps = gps(ByteOrder.BIG_ENDIAN);
        main.write(out, 8, 0);
        gps.write(out, gpsAt, 0);
        byte[] file = new byte[gpsAt + gps.size()];
        out.position(0);
        out.get(file);
        return file;
    }

    /** 1.2345 N = 1 deg 14' 4.2"; 36.789 W = 36 deg 47' 20.4". */
    private static Ifd gps(ByteOrder order) {
        return new Ifd()
                .add(0, BYTE, 4, new byte[] {2, 3, 0, 0})
                .add(1, ASCII, 2, ascii("N"))
                .add(2, RATIONAL, 3, ints(order, 1, 1, 14, 1, 42, 10))
                .add(3, ASCII, 2, ascii("W"))
                .add(4, RATIONAL, 3, ints(order, 36, 1, 47, 1, 204, 10));
    }

    static Ifd image(ByteOrder order, int width, int height, int stripAt, int stripLength) {
        return new Ifd()
                .add(256, LONG, 1, ints(order, width))
                .add(257, LONG, 1, ints(order, height))
                .add(258, SHORT, 3, shorts(order, 8, 8, 8))
                .add(259, SHORT, 1, shorts(order, 1))
                .add(262, SHORT, 1, shorts(order, 2))
                .add(273, LONG, 1, ints(order, stripAt))
                .add(277, SHORT, 1, shorts(order, 3))
                .add(278, LONG, 1, ints(order, height))
                .add(279, LONG, 1, ints(order, stripLength))
                .add(282, RATIONAL, 1, ints(order, 72, 1))
                .add(283, RATIONAL, 1, ints(order, 72, 1))
                .add(284, SHORT, 1, shorts(order, 1))
                .add(296, SHORT, 1, shorts(order, 2));
    }

    static byte[] pixels(int length, int seed) {
        byte[] p = new byte[length];
        for (int i = 0; i < length; i++) {
            p[i] = (byte) (seed + i * 29);
        }
        return p;
    }

    static byte[] ints(ByteOrder order, int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(order);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    static byte[] shorts(ByteOrder order, int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(order);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    static byte[] ascii(String s) {
        return (s + "\0").getBytes(StandardCharsets.US_ASCII);
    }
}
