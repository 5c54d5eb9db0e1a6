// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipOutputStream;

/**
 * Cleans a zip, telling an Office Open XML document (it has {@code [Content_Types].xml}) and an
 * OpenDocument (its first entry is an OpenDocument {@code mimetype}) from a plain zip, whose
 * files are each cleaned with the scrubber. Held in memory up to the limit; entries, expansion
 * and nesting bounded, shared with every zip inside it.
 */
public final class ZipCleaner implements Cleaner {
    private static final String ODF_MIMETYPE = "application/vnd.oasis.opendocument";

    private final int depth;
    private final ExpansionBudget shared;

    public ZipCleaner() {
        this(1, null);
    }

    private ZipCleaner(int depth, ExpansionBudget shared) {
        this.depth = depth;
        this.shared = shared;
    }

    @Override
    public ScrubReport clean(byte[] head, InputStream in, OutputStream out, ScrubLimits limits) throws IOException {
        Optional<byte[]> file = WholeFile.read(head, in, limits.maxInMemoryBytes());
        if (file.isEmpty()) {
            return ScrubReport.failed(Format.ZIP, WholeFile.OVER_LIMIT);
        }
        GuardedOutput guarded = new GuardedOutput(out);
        Format format = Format.ZIP;
        try {
            if (depth > limits.maxDepth()) {
                throw new CannotClean("ZIPs nested too deep");
            }
            ExpansionBudget budget = shared == null ? new ExpansionBudget(limits) : shared;
            ZipArchive zip = ZipArchive.read(file.get(), budget);
            Findings findings = new Findings();
            ZipOutputStream zipOut = new ZipOutputStream(guarded);
            ZipRewrite rewrite = new ZipRewrite(zip, budget, inner(budget), findings, zipOut);
            format = kind(rewrite);
            containerFindings(zip, findings);
            write(format, rewrite);
            zipOut.finish();
            guarded.flush();
            return ScrubReport.cleaned(format, findings.list());
        } catch (CannotClean e) {
            if (shared != null) {
                throw e; // inside another zip: the outermost reports the reason
            }
            return ScrubReport.failed(format, e.reason());
        } catch (IOException e) {
            if (guarded.broken()) {
                throw e;
            }
            return ScrubReport.failed(format, "malformed ZIP");
        }
    }

    private static void write(Format format, ZipRewrite rewrite) throws IOException {
        if (format == Format.OOXML) {
            OoxmlRewrite.write(rewrite);
        } else if (format == Format.ODF) {
            OdfRewrite.write(rewrite);
        } else {
            for (ZipArchive.Entry entry : rewrite.entries()) {
                if (entry.folder()) {
                    rewrite.folder(entry);
                } else if (entry.encrypted()) {
                    rewrite.leaveOutEncrypted(entry);
                } else {
                    rewrite.scrubbed(entry);
                }
            }
        }
    }

    private static Format kind(ZipRewrite rewrite) throws IOException {
        if (!rewrite.entries().isEmpty()) {
            ZipArchive.Entry first = rewrite.entries().get(0);
            if (first.name().equals("mimetype") && !first.encrypted()) {
                String type = new String(rewrite.small(first, 200), StandardCharsets.US_ASCII);
                if (type.startsWith(ODF_MIMETYPE)) {
                    return Format.ODF;
                }
            }
        }
        boolean ooxml = rewrite.entries().stream().anyMatch(e -> e.name().equals("[Content_Types].xml"));
        return ooxml ? Format.OOXML : Format.ZIP;
    }

    private static void containerFindings(ZipArchive zip, Findings findings) {
        if (!zip.comment().isBlank()) {
            findings.removed("ZIP comment", zip.comment());
        }
        if (zip.entryComments()) {
            findings.removed("file comments");
        }
        boolean times = zip.entries().stream().anyMatch(e -> !ZipTimes.unset(e.dosTime()));
        for (int id : zip.extraIds()) {
            times |= ZipTimes.timeField(id);
            if (ZipTimes.ownerField(id)) {
                findings.removed("file owner (user and group ids)");
            } else if (!ZipTimes.timeField(id)) {
                findings.removed("ZIP extra data");
            }
        }
        if (times) {
            findings.removed("file times");
        }
    }

    /** The scrubber for the files inside: every cleaner, with zips inside this one one level deeper on the same budget. */
    private Scrubber inner(ExpansionBudget budget) {
        Map<Format, Cleaner> cleaners = new EnumMap<>(Format.class);
        cleaners.putAll(Cleaners.all());
        cleaners.put(Format.ZIP, new ZipCleaner(depth + 1, budget));
        return new Scrubber(cleaners);
    }
}
