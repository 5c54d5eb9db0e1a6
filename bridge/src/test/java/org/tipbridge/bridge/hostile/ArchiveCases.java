// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import static org.tipbridge.bridge.hostile.GeneratedCase.mail;
import static org.tipbridge.bridge.hostile.RecordCheck.attachmentNotCleaned;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Zip bombs and zip-slip archives as attachments: the tip is kept with the original sealed, and
 * the scrub keeps no cleaned copy of an archive it cannot unpack safely (analysts see why), so no
 * path outside the folder and no control character reaches an analyst's file system.
 */
final class ArchiveCases {
    private static final byte[] TEXT = "inner file\n".getBytes(StandardCharsets.US_ASCII);

    private ArchiveCases() {}

    static List<HostileCase> all() {
        List<HostileCase> out = new ArrayList<>();
        out.add(zip("zip-bomb-overlapping-1000-entries-64mib-each", "compression bomb", () -> overlapping(1000)));
        out.add(zip("zip-bomb-nested-zips-20-deep", "nested too deep", () -> nested(20)));
        out.add(zip("zip-entries-flood-65535", "not supported", ArchiveCases::flood));
        out.add(zip("zip-slip-dot-dot-entry", "unsafe", () -> one("../../../../tmp/evil.sh")));
        out.add(zip("zip-slip-absolute-entry", "unsafe", () -> one("/etc/cron.d/evil")));
        out.add(zip("zip-slip-backslash-entry", "unsafe", () -> one("..\\..\\Users\\Public\\evil.bat")));
        out.add(zip("zip-slip-drive-letter-entry", "unsafe", () -> one("C:/Windows/evil.dll")));
        out.add(zip("zip-entry-name-with-escapes-and-bidi", "unsafe", () -> one("\u001b]0;x\u0007a\u202egpj.exe")));
        out.add(zip(
                "zip-slip-in-local-name-only",
                null,
                () -> ZipForge.zip(List.of(ZipForge.stored("safe.txt", TEXT).withLocalName("../../evil.txt")))));
        out.add(zip("zip-central-directory-truncated", "malformed", () -> {
            byte[] whole = one("a.txt");
            return Arrays.copyOf(whole, whole.length - 30);
        }));
        out.add(zip(
                "zip-method-unsupported",
                "not supported",
                () -> ZipForge.zip(List.of(ZipForge.stored("a.txt", TEXT).withMethod(99)))));
        return out;
    }

    /** A plaintext tip with the archive attached; {@code finding}: why it must not be cleaned (null: it may be). */
    private static HostileCase zip(String name, String finding, Supplier<byte[]> archive) {
        RecordCheck check = finding == null
                ? RecordCheck.that(
                        "the attachment was cleaned",
                        t -> t.record().attachments().size() == 1
                                && t.record().attachments().get(0).cleaned() != null)
                : attachmentNotCleaned(finding);
        return mail(
                name,
                Expected.tip(),
                () -> Mails.message(
                        name,
                        "an archive",
                        Mails.multipart(
                                "mixed",
                                "zip",
                                List.of(
                                        Mails.text("the archive is attached"),
                                        Mails.attachment(
                                                "application/zip",
                                                "attachment; filename=\"evidence.zip\"",
                                                archive.get())))),
                check);
    }

    private static byte[] one(String entryName) {
        return ZipForge.zip(List.of(ZipForge.stored(entryName, TEXT)));
    }

    /** {@code count} central entries sharing one deflated entry of 64 MiB of zeros. */
    private static byte[] overlapping(int count) {
        ZipForge.Entry zeros = ZipForge.deflatedZeros("zeros-0.bin", 64L << 20);
        List<ZipForge.Entry> entries = new ArrayList<>(List.of(zeros));
        for (int i = 1; i < count; i++) {
            entries.add(zeros.sharing("zeros-" + i + ".bin", 0));
        }
        return ZipForge.zip(entries);
    }

    private static byte[] nested(int depth) {
        byte[] inner = one("core.txt");
        for (int i = 0; i < depth; i++) {
            inner = ZipForge.zip(List.of(ZipForge.stored("level-" + i + ".zip", inner)));
        }
        return inner;
    }

    private static byte[] flood() {
        ZipForge.Entry first = ZipForge.stored("f0.txt", TEXT);
        List<ZipForge.Entry> entries = new ArrayList<>(List.of(first));
        for (int i = 1; i < 65_535; i++) {
            entries.add(first.sharing("f" + i + ".txt", 0));
        }
        return ZipForge.zip(entries);
    }
}
