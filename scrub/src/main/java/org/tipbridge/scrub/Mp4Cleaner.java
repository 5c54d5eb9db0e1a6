// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Cleans MP4, MOV and 3GP files box by box without moving a byte: metadata boxes become {@code
 * free} boxes of the same size and recording times become zero, so media data and every chunk
 * offset stay valid; media data is streamed through, only the movie box and metadata boxes are
 * held, each up to {@link ScrubLimits#maxInMemoryBytes()}.
 */
final class Mp4Cleaner implements Cleaner {
    /** Top-level boxes held in memory and cleaned; every other top-level box is copied as it is. */
    private static final Set<String> HELD = Set.of("moov", "udta", "meta", "uuid", "XMP_");
    /** Top-level boxes copied as they are; free space is zeroed; any other box becomes a zeroed free box. */
    private static final Set<String> MEDIA =
            Set.of("ftyp", "mdat", "moof", "mfra", "sidx", "ssix", "styp", "prft", "emsg", "pdin", "wide");

    private static final Set<String> PADDING = Set.of("free", "skip");

    @Override
    public ScrubReport clean(byte[] head, InputStream in, OutputStream out, ScrubLimits limits) throws IOException {
        BoxInput input = new BoxInput(head, in);
        MovieBoxScrubber scrubber = new MovieBoxScrubber(limits);
        try {
            walk(input, out, scrubber, limits);
            return ScrubReport.cleaned(Format.MP4, List.copyOf(new LinkedHashSet<>(scrubber.findings())));
        } catch (NotCleanable e) {
            return ScrubReport.failed(Format.MP4, e.getMessage());
        } finally {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void walk(BoxInput input, OutputStream out, MovieBoxScrubber scrubber, ScrubLimits limits)
            throws IOException, NotCleanable {
        boolean sawMovie = false;
        Optional<BoxHeader> next;
        while ((next = BoxHeader.read(input)).isPresent()) {
            BoxHeader box = next.get();
            scrubber.count();
            sawMovie |= box.type().equals("moov");
            if (HELD.contains(box.type())) {
                byte[] payload = input.hold(box.payload(), limits.maxInMemoryBytes());
                byte[] whole = concat(box.raw(), payload);
                scrubber.scrubTopLevel(whole, box.raw().length);
                out.write(whole);
            } else if (MEDIA.contains(box.type())) {
                copy(box, input, out);
            } else {
                blank(box, input, out, scrubber.findings());
            }
        }
        if (!sawMovie) {
            throw new NotCleanable("no movie box");
        }
    }

    private static void copy(BoxHeader box, BoxInput input, OutputStream out) throws IOException, NotCleanable {
        out.write(box.raw());
        if (box.size() == BoxHeader.TO_END) {
            input.copyToEnd(out, (position, bytes, length) -> {});
        } else {
            input.copy(box.payload(), out);
        }
    }

    /** Writes the box as a free box of the same size with a zeroed payload. */
    private static void blank(BoxHeader box, BoxInput input, OutputStream out, List<Finding> findings)
            throws IOException, NotCleanable {
        byte[] header = box.raw().clone();
        System.arraycopy(new byte[] {'f', 'r', 'e', 'e'}, 0, header, 4, 4);
        out.write(header);
        boolean data = input.blank(box.payload(), out);
        if (!PADDING.contains(box.type())) {
            findings.add(Finding.removed("other metadata", Bytes.fourCc(box.type())));
        } else if (data) {
            findings.add(Finding.removed("leftover data in free space (may hold old metadata)"));
        }
    }

    private static byte[] concat(byte[] header, byte[] payload) throws NotCleanable {
        if ((long) header.length + payload.length > Integer.MAX_VALUE - 16) {
            throw new NotCleanable("a metadata box over the size limit");
        }
        byte[] whole = new byte[header.length + payload.length];
        System.arraycopy(header, 0, whole, 0, header.length);
        System.arraycopy(payload, 0, whole, header.length, payload.length);
        return whole;
    }
}
