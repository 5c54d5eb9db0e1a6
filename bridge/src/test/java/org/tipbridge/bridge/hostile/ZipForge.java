// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip archives byte by byte, so that they can lie: entries whose central name differs from
 * the local one, entries that share one local header and its data (the overlapping-entry bomb),
 * unsupported methods, names no archiver would write.
 */
final class ZipForge {
    private ZipForge() {}

    /**
     * One entry. {@code sharesDataOf} >= 0 points the central record at that earlier entry's local
     * header and data (no local header of its own); {@code localName} may differ from {@code name}.
     */
    record Entry(String name, String localName, int method, byte[] data, long crc, long size, int sharesDataOf) {
        Entry sharing(String otherName, int index) {
            return new Entry(otherName, otherName, method, data, crc, size, index);
        }

        Entry withLocalName(String local) {
            return new Entry(name, local, method, data, crc, size, sharesDataOf);
        }

        Entry withMethod(int other) {
            return new Entry(name, localName, other, data, crc, size, sharesDataOf);
        }
    }

    static Entry stored(String name, byte[] content) {
        return new Entry(name, name, 0, content, crc(content, content.length), content.length, -1);
    }

    static Entry deflated(String name, byte[] content) {
        return new Entry(
                name, name, 8, deflate(content, content.length), crc(content, content.length), content.length, -1);
    }

    /** {@code size} zero bytes, deflated as they stream by (only one buffer of zeros is held). */
    static Entry deflatedZeros(String name, long size) {
        byte[] zeros = new byte[1 << 16];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        CRC32 crc = new CRC32();
        for (long left = size; left > 0; left -= zeros.length) {
            int n = (int) Math.min(zeros.length, left);
            crc.update(zeros, 0, n);
            deflater.setInput(zeros, 0, n);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return new Entry(name, name, 8, out.toByteArray(), crc.getValue(), size, -1);
    }

    static byte[] zip(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] offsets = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.sharesDataOf() >= 0) {
                offsets[i] = offsets[e.sharesDataOf()];
                continue;
            }
            offsets[i] = out.size();
            byte[] local = e.localName().getBytes(StandardCharsets.UTF_8);
            u32(out, 0x04034b50);
            header(out, e, local.length);
            u16(out, 0);
            out.writeBytes(local);
            out.writeBytes(e.data());
        }
        int directory = out.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            u32(out, 0x02014b50);
            u16(out, 20);
            header(out, e, name.length);
            u16(out, 0); // extra
            u16(out, 0); // comment
            u16(out, 0); // disk
            u16(out, 0); // internal attributes
            u32(out, 0); // external attributes
            u32(out, offsets[i]);
            out.writeBytes(name);
        }
        int size = out.size() - directory;
        u32(out, 0x06054b50);
        u16(out, 0);
        u16(out, 0);
        u16(out, Math.min(entries.size(), 0xFFFF));
        u16(out, Math.min(entries.size(), 0xFFFF));
        u32(out, size);
        u32(out, directory);
        u16(out, 0);
        return out.toByteArray();
    }

    /** version, flags (UTF-8 names), method, time, date, CRC, sizes, name length. */
    private static void header(ByteArrayOutputStream out, Entry e, int nameLength) {
        u16(out, 20);
        u16(out, 0x0800);
        u16(out, e.method());
        u16(out, 0);
        u16(out, 0x21);
        u32(out, e.crc());
        u32(out, e.data().length);
        u32(out, e.size());
        u16(out, nameLength);
    }

    private static byte[] deflate(byte[] content, int length) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(content, 0, length);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static long crc(byte[] content, int length) {
        CRC32 crc = new CRC32();
        crc.update(content, 0, length);
        return crc.getValue();
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write((value >>> 8) & 0xFF);
    }

    private static void u32(ByteArrayOutputStream out, long value) {
        u16(out, (int) (value & 0xFFFF));
        u16(out, (int) ((value >>> 16) & 0xFFFF));
    }
}
