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
        findings.flagged(
                Prefix.of(entry.name()) + "encrypted file, left out of the cleaned copy", Prefix.shown(entry.name()));
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
            String where = Prefix.shown(entry.name());
            findings.add(new Finding(
                    Prefix.of(entry.name()) + finding.what(),
                    finding.action(),
                    java.util.Optional.of(
                            where + finding.value().map(v -> ": " + v).orElse(""))));
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
    /**
     * How a file inside a zip is named in a finding: only by its extension ("a .jpg file inside: "),
     * since entry names are the sender's words and may carry a capture time or a person's name; the
     * name itself goes into the finding's value, shown only with the original.
     */
    static final class Prefix {
        private static final int MAX = 200;
        private static final java.util.regex.Pattern EXTENSION =
                java.util.regex.Pattern.compile("\\.([A-Za-z0-9]{1,8})$");

        private Prefix() {}

        static String of(String name) {
            String base = name.substring(name.lastIndexOf('/') + 1);
            java.util.regex.Matcher ext = EXTENSION.matcher(base);
            return ext.find()
                    ? "a ." + ext.group(1).toLowerCase(java.util.Locale.ROOT) + " file inside: "
                    : "a file inside: ";
        }

        /** The entry name for the finding's value: cut and with control characters replaced. */
        static String shown(String name) {
            String cut = name.length() > MAX ? name.substring(0, MAX) + "..." : name;
            return cut.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?");
        }
    }
}
