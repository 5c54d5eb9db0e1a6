// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the cleaned copy of a zip entry by entry: fixed entry times, no extra fields, no
 * comments; the entry names (content) kept. Entry data comes inflated under the budget.
 */
final class ZipRewrite {
    /** Every entry gets this time: the earliest a zip holds without an extra field. */
    static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0, 2);

    private final ZipArchive zip;
    private final ExpansionBudget budget;
    private final Scrubber inner;
    private final Findings findings;
    private final ZipOutputStream out;
    private final GuardedOutput entryOut;

    ZipRewrite(ZipArchive zip, ExpansionBudget budget, Scrubber inner, Findings findings, ZipOutputStream out) {
        this.zip = zip;
        this.budget = budget;
        this.inner = inner;
        this.findings = findings;
        this.out = out;
        this.entryOut = new GuardedOutput(out);
    }

    List<ZipArchive.Entry> entries() {
        return zip.entries();
    }

    Findings findings() {
        return findings;
    }

    InputStream open(ZipArchive.Entry entry) throws CannotClean {
        return ZipEntryData.open(zip, entry, budget);
    }

    void folder(ZipArchive.Entry entry) throws IOException {
        out.putNextEntry(newEntry(entry.name()));
        out.closeEntry();
    }

    /** An encrypted entry cannot be checked: it is left out, and the original keeps it. */
    void leaveOutEncrypted(ZipArchive.Entry entry) {
        findings.flagged(Prefix.of(entry.name()) + "encrypted file, left out of the cleaned copy");
    }

    /** Cleans the entry with the scrubber (any format it knows, a zip within this one too); findings prefixed with its name. */
    void scrubbed(ZipArchive.Entry entry) throws IOException {
        out.putNextEntry(newEntry(entry.name()));
        ScrubReport report;
        try (InputStream data = open(entry)) {
            report = inner.scrub(data, entryOut, budget.limits());
        }
        out.closeEntry();
        if (report.outcome() == ScrubReport.Outcome.FAILED) {
            throw new CannotClean("a file inside could not be cleaned");
        }
        for (Finding finding : report.findings()) {
            findings.add(new Finding(Prefix.of(entry.name()) + finding.what(), finding.action(), finding.value()));
        }
    }

    void rewrittenXml(ZipArchive.Entry entry, XmlPolicy policy) throws IOException {
        out.putNextEntry(newEntry(entry.name()));
        try (InputStream data = open(entry)) {
            XmlRewrite.rewrite(data, entryOut, policy, findings);
        }
        out.closeEntry();
    }

    /** A small entry written uncompressed (an OpenDocument's {@code mimetype}, which must be first and stored). */
    void stored(String name, byte[] data) throws IOException {
        ZipEntry stored = newEntry(name);
        CRC32 crc = new CRC32();
        crc.update(data);
        stored.setMethod(ZipEntry.STORED);
        stored.setSize(data.length);
        stored.setCompressedSize(data.length);
        stored.setCrc(crc.getValue());
        out.putNextEntry(stored);
        out.write(data);
        out.closeEntry();
    }

    /** The first bytes of an entry (at most {@code max}; more is a malformed file). */
    byte[] small(ZipArchive.Entry entry, int max) throws IOException {
        try (InputStream data = open(entry)) {
            byte[] bytes = data.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new CannotClean("malformed document (mimetype too long)");
            }
            return bytes;
        }
    }

    private static ZipEntry newEntry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(FIXED_TIME);
        return entry;
    }

    /** The entry name before an inner file's findings, without control characters. */
    static final class Prefix {
        private static final int MAX = 200;

        private Prefix() {}

        static String of(String name) {
            String shown = name.length() > MAX ? name.substring(0, MAX) + "..." : name;
            return shown.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?") + ": ";
        }
    }
}
