// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a big-endian Exif (TIFF) block byte by byte: IFD0 with make, model, software, artist and
 * copyright; an Exif IFD with date taken, owner and serial numbers; a GPS IFD at 2.1234 S 37.5678 E;
 * and IFD1 pointing at a thumbnail JPEG.
 */
public final class ExifFixture {
    public static final String MAKE = "FixtureCam";
    static final String MODEL = "FX-100";
    static final String SOFTWARE = "FixtureEdit 1.0";
    public static final String ARTIST = "Jane Ranger";
    public static final String BODY_SERIAL = "BODYSN123456";
    static final String LENS_SERIAL = "LENSSN654321";
    static final String TAKEN = "2024:05:06 07:08:09";

    private record Entry(int tag, int type, int count, byte[] value) {}

    private ExifFixture() {}

    static byte[] tiff(byte[] thumbnail) {
        List<Entry> ifd0 = new ArrayList<>(List.of(
                ascii(0x010F, MAKE),
                ascii(0x0110, MODEL),
                ascii(0x0131, SOFTWARE),
                ascii(0x013B, ARTIST),
                ascii(0x8298, "(c) " + ARTIST),
                longValue(0x8769, 0),
                longValue(0x8825, 0)));
        List<Entry> exif = List.of(
                ascii(0x9003, TAKEN), ascii(0xA430, ARTIST), ascii(0xA431, BODY_SERIAL), ascii(0xA435, LENS_SERIAL));
        List<Entry> gps = List.of(
                new Entry(0, 1, 4, new byte[] {2, 3, 0, 0}),
                ascii(1, "S"),
                rationals(2, 2, 1, 7, 1, 24240, 1000),
                ascii(3, "E"),
                rationals(4, 37, 1, 34, 1, 4080, 1000));
        List<Entry> ifd1 = new ArrayList<>(List.of(longValue(0x0201, 0), longValue(0x0202, thumbnail.length)));
        int exifAt = 8 + size(ifd0);
        int gpsAt = exifAt + size(exif);
        int ifd1At = gpsAt + size(gps);
        int thumbAt = ifd1At + size(ifd1);
        ifd0.set(5, longValue(0x8769, exifAt));
        ifd0.set(6, longValue(0x8825, gpsAt));
        ifd1.set(0, longValue(0x0201, thumbAt));
        ByteBuffer out = ByteBuffer.allocate(thumbAt + thumbnail.length);
        out.put(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
        write(out, ifd0, ifd1At);
        write(out, exif, 0);
        write(out, gps, 0);
        write(out, ifd1, 0);
        out.put(thumbnail);
        return out.array();
    }

    /** An IFD whose next-IFD offset points back at itself, with a count claiming more entries than exist when {@code count} is large. */
    static byte[] loopingTiff(int count) {
        ByteBuffer out = ByteBuffer.allocate(8 + 2 + 12 + 4);
        out.put(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
        out.putShort((short) count);
        out.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(8);
        out.putInt(8);
        return out.array();
    }

    private static int size(List<Entry> entries) {
        int size = 2 + 12 * entries.size() + 4;
        for (Entry e : entries) {
            size += e.value.length > 4 ? even(e.value.length) : 0;
        }
        return size;
    }

    private static void write(ByteBuffer out, List<Entry> entries, int next) {
        int dataAt = out.position() + 2 + 12 * entries.size() + 4;
        ByteBuffer data = ByteBuffer.allocate(size(entries));
        out.putShort((short) entries.size());
        for (Entry e : entries) {
            out.putShort((short) e.tag).putShort((short) e.type).putInt(e.count);
            if (e.value.length > 4) {
                out.putInt(dataAt + data.position());
                data.put(e.value);
                data.position(even(data.position()));
            } else {
                out.put(java.util.Arrays.copyOf(e.value, 4));
            }
        }
        out.putInt(next);
        out.put(data.array(), 0, data.position());
    }

    private static int even(int n) {
        return (n + 1) & ~1;
    }

    private static Entry ascii(int tag, String text) {
        byte[] bytes = (text + "\0").getBytes(StandardCharsets.US_ASCII);
        return new Entry(tag, 2, bytes.length, bytes);
    }

    private static Entry longValue(int tag, int value) {
        return new Entry(tag, 4, 1, ByteBuffer.allocate(4).putInt(value).array());
    }

    private static Entry rationals(int tag, int... parts) {
        ByteBuffer b = ByteBuffer.allocate(4 * parts.length);
        for (int p : parts) {
            b.putInt(p);
        }
        return new Entry(tag, 5, parts.length / 2, b.array());
    }
}
