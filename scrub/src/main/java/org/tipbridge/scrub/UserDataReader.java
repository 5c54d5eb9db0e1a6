// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Says in plain words what a QuickTime or MP4 metadata box held (user data {@code ©xyz}-style
 * entries, {@code meta} with {@code keys}/{@code ilst}, 3GPP {@code loci}, XMP, vendor boxes),
 * with the values found. Reads only; the caller removes the box.
 */
final class UserDataReader {
    /** Counts one box against the file's box limit. */
    interface Counter {
        void count() throws NotCleanable;
    }

    private static final String XMP_UUID = "be7acfcb97a942e89c71999491e3afac";

    private final byte[] b;
    private final ScrubLimits limits;
    private final Counter counter;
    private final List<Finding> findings;

    UserDataReader(byte[] b, ScrubLimits limits, Counter counter, List<Finding> findings) {
        this.b = b;
        this.limits = limits;
        this.counter = counter;
        this.findings = findings;
    }

    /** Describes a box of {@code type} whose payload is {@code [start, end)}. */
    void describe(String type, int start, int end, int depth) throws NotCleanable {
        if (depth >= limits.maxDepth()) {
            throw new NotCleanable("boxes nested too deep");
        }
        switch (type) {
            case "udta" -> userData(start, end, depth);
            case "meta" -> meta(start, end, depth);
            case "XMP_" -> findings.add(Finding.removed("XMP metadata (may hold GPS, dates, device)"));
            case "uuid" -> uuid(start, end);
            case "free", "skip" -> {}
            case "loci" -> findings.add(Finding.removed("GPS position", Iso6709.fromLoci(b, start, end)));
            default -> entry(type, start, end);
        }
    }

    private void userData(int start, int end, int depth) throws NotCleanable {
        for (int[] box : boxes(start, end)) {
            describe(BoxHeader.type(b, box[0] + 4), box[0] + 8, box[1], depth + 1);
        }
    }

    private void uuid(int start, int end) {
        boolean xmp = end - start >= 16
                && HexFormat.of().formatHex(b, start, start + 16).equals(XMP_UUID);
        findings.add(Finding.removed(xmp ? "XMP metadata (may hold GPS, dates, device)" : "vendor metadata box"));
    }

    /** An ISO meta box is a full box (4 bytes before its children); QuickTime's starts with its hdlr child. */
    private void meta(int start, int end, int depth) throws NotCleanable {
        boolean quickTime = end - start >= 8 && BoxHeader.type(b, start + 4).equals("hdlr");
        int children = quickTime ? start : start + 4;
        List<String> keys = new ArrayList<>();
        for (int[] box : boxes(Math.min(children, end), end)) {
            String type = BoxHeader.type(b, box[0] + 4);
            if (type.equals("keys")) {
                keys = keys(box[0] + 8, box[1]);
            } else if (type.equals("ilst")) {
                items(box[0] + 8, box[1], keys);
            } else if (!type.equals("hdlr")) {
                describe(type, box[0] + 8, box[1], depth + 1);
            }
        }
    }

    /** keys: version, flags, count, then per key: size, namespace, name. */
    private List<String> keys(int start, int end) throws NotCleanable {
        List<String> keys = new ArrayList<>();
        int at = start + 8;
        while (at + 8 <= end) {
            counter.count();
            long size = Bytes.u32(b, at);
            if (size < 8 || size > end - at) {
                throw new NotCleanable("impossible metadata key size");
            }
            keys.add(Bytes.printable(b, at + 8, (int) size - 8));
            at += (int) size;
        }
        return keys;
    }

    /** ilst: one box per item, named by a 1-based key index or a four-character code, holding data boxes. */
    private void items(int start, int end, List<String> keys) throws NotCleanable {
        for (int[] box : boxes(start, end)) {
            long index = Bytes.u32(b, box[0] + 4);
            String name =
                    index >= 1 && index <= keys.size() ? keys.get((int) index - 1) : BoxHeader.type(b, box[0] + 4);
            entry(name, box[0] + 8, box[1]);
        }
    }

    /** One named entry: a data box (type, locale, value) or QuickTime text (length, language, text). */
    private void entry(String name, int start, int end) throws NotCleanable {
        String value = "";
        if (end - start >= 16 && BoxHeader.type(b, start + 4).equals("data")) {
            int size = (int) Math.min(Math.max(Bytes.u32(b, start), 16), end - start);
            value = Bytes.printable(b, start + 16, size - 16);
        } else if (end - start >= 4 && name.startsWith("\u00A9")) {
            value = Bytes.printable(b, start + 4, Math.min(Bytes.u16(b, start), end - start - 4));
        }
        findings.add(MetadataNames.finding(name, value));
    }

    /** The child boxes of {@code [start, end)} as {start, end} pairs. */
    private List<int[]> boxes(int start, int end) throws NotCleanable {
        List<int[]> found = new ArrayList<>();
        int at = start;
        while (end - at >= 8) {
            counter.count();
            long size = Bytes.u32(b, at);
            size = size == 0 ? end - at : size;
            if (size < 8 || size > end - at) {
                throw new NotCleanable("impossible box size");
            }
            found.add(new int[] {at, at + (int) size});
            at += (int) size;
        }
        return found;
    }
}
