// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A zip held in memory, read through its central directory with every offset and length checked
 * against the bytes, the way unzip tools find entries (so data hidden between entries is ignored).
 */
final class ZipArchive {
    private static final int EOCD = 0x06054b50;
    private static final int CEN = 0x02014b50;
    private static final int LOC = 0x04034b50;

    /** One file or folder of the zip: where its compressed data is, and what its headers carried. */
    record Entry(String name, int flags, int method, int dosTime, int dataStart, int dataLength, long size) {
        boolean encrypted() {
            return (flags & 1) != 0;
        }

        boolean folder() {
            return name.endsWith("/");
        }
    }

    private final byte[] bytes;
    private final List<Entry> entries = new ArrayList<>();
    private final Set<Integer> extraIds = new TreeSet<>();
    private String comment = "";
    private boolean entryComments;

    private ZipArchive(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Counts the entries against {@code budget}; malformed or ZIP64 archives cannot be cleaned. */
    static ZipArchive read(byte[] bytes, ExpansionBudget budget) throws CannotClean {
        ZipArchive zip = new ZipArchive(bytes);
        zip.readDirectory(budget);
        return zip;
    }

    List<Entry> entries() {
        return entries;
    }

    byte[] bytes() {
        return bytes;
    }

    /** The ids of the extra fields (0x5455 times, 0x7875 owner ids, ...) found on any entry. */
    Set<Integer> extraIds() {
        return extraIds;
    }

    String comment() {
        return comment;
    }

    boolean entryComments() {
        return entryComments;
    }

    private void readDirectory(ExpansionBudget budget) throws CannotClean {
        int end = findEnd();
        int count = u16(end + 10);
        long offset = u32(end + 16);
        if (count == 0xFFFF || offset == 0xFFFFFFFFL || u16(end + 4) != 0) {
            throw new CannotClean("ZIP64 or multi-part ZIP not supported");
        }
        int commentLength = u16(end + 20);
        comment = text(end + 22, Math.min(commentLength, bytes.length - end - 22));
        int at = (int) Math.min(offset, Integer.MAX_VALUE);
        for (int i = 0; i < count; i++) {
            budget.countEntry();
            at = readCentralEntry(at);
        }
    }

    private int findEnd() throws CannotClean {
        for (int at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xFFFF; at--) {
            if (u32(at) == EOCD && at + 22 + u16(at + 20) <= bytes.length) {
                return at;
            }
        }
        throw new CannotClean("malformed ZIP (no central directory)");
    }

    private int readCentralEntry(int at) throws CannotClean {
        check(at, 46);
        if (u32(at) != CEN) {
            throw new CannotClean("malformed ZIP (bad central directory)");
        }
        int nameLength = u16(at + 28);
        int extraLength = u16(at + 30);
        int commentLength = u16(at + 32);
        check(at + 46, nameLength + extraLength + commentLength);
        readExtraIds(at + 46 + nameLength, extraLength);
        entryComments |= commentLength > 0;
        long compressed = u32(at + 20);
        long local = u32(at + 42);
        String name = text(at + 46, nameLength);
        if (ZipEntryNames.unsafe(name)) {
            throw new CannotClean("unsafe file names in the ZIP (a path outside its folder, or control characters)");
        }
        int dataStart = localDataStart(local);
        if (compressed > bytes.length - dataStart) {
            throw new CannotClean("malformed ZIP (entry outside the file)");
        }
        int flags = u16(at + 8);
        entries.add(
                new Entry(name, flags, u16(at + 10), (int) u32(at + 12), dataStart, (int) compressed, u32(at + 24)));
        return at + 46 + nameLength + extraLength + commentLength;
    }

    private int localDataStart(long local) throws CannotClean {
        if (local > bytes.length - 30L) {
            throw new CannotClean("malformed ZIP (entry outside the file)");
        }
        int at = (int) local;
        if (u32(at) != LOC) {
            throw new CannotClean("malformed ZIP (bad entry header)");
        }
        int nameLength = u16(at + 26);
        int extraLength = u16(at + 28);
        check(at + 30, nameLength + extraLength);
        readExtraIds(at + 30 + nameLength, extraLength);
        return at + 30 + nameLength + extraLength;
    }

    private void readExtraIds(int at, int length) {
        for (int i = at; i + 4 <= at + length; i += 4 + u16(i + 2)) {
            extraIds.add(u16(i));
        }
    }

    private void check(int at, int length) throws CannotClean {
        if (at < 0 || length < 0 || at > bytes.length - length) {
            throw new CannotClean("malformed ZIP (truncated)");
        }
    }

    private String text(int at, int length) {
        return new String(bytes, at, length, StandardCharsets.UTF_8);
    }

    private int u16(int at) {
        return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
    }

    private long u32(int at) {
        return (u16(at) | (long) u16(at + 2) << 16);
    }
}
