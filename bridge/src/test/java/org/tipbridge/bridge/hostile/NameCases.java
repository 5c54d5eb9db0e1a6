// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import static org.tipbridge.bridge.hostile.GeneratedCase.mail;
import static org.tipbridge.bridge.hostile.RecordCheck.attachments;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Attachment names that climb out of a directory, are absolute, or hold NUL, control or bidi
 * characters, however they are encoded. Every one must become a tip whose attachment name is a
 * plain file name (the test checks every record's names).
 */
final class NameCases {
    private NameCases() {}

    static List<HostileCase> all() {
        List<HostileCase> out = new ArrayList<>();
        out.add(quoted("name-dot-dot-slash-traversal", "../../../../etc/cron.d/evil"));
        out.add(quoted("name-backslash-traversal", "..\\\\..\\\\Windows\\\\System32\\\\evil.dll"));
        out.add(quoted("name-absolute-unix-path", "/etc/shadow"));
        out.add(quoted("name-absolute-windows-path", "C:\\\\Users\\\\Public\\\\evil.bat"));
        out.add(quoted("name-unc-path", "\\\\\\\\server\\\\share\\\\evil.exe"));
        out.add(quoted("name-only-dots", "...."));
        out.add(quoted("name-dotfile", ".bashrc"));
        out.add(quoted("name-trailing-dots-and-spaces", "evil.exe. . ."));
        out.add(quoted("name-bidi-override-fake-extension", "invoice\u202Egpj.exe"));
        out.add(quoted("name-bidi-isolates-and-marks", "\u2066report\u2069\u200F\u061C.pdf"));
        out.add(quoted("name-overlong-10000", "n".repeat(10_000) + ".txt"));
        out.add(quoted("name-unicode-slash-lookalikes", "a\u2215b\uFF0Fc\u29F5d.txt"));
        out.add(quoted("name-control-characters-raw", "a\u0001b\u001fc\u007fd\u0085e.txt"));
        out.add(rfc2231("name-nul-rfc2231", "report%00.pdf.exe"));
        out.add(rfc2231("name-newline-rfc2231", "first%0D%0AX-Injected: 1.txt"));
        out.add(rfc2231("name-percent-encoded-traversal-rfc2231", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd"));
        out.add(rfc2231("name-control-characters-rfc2231", "a%01b%1Bc%7Fd.txt"));
        out.add(mail("name-raw-nul-byte", Expected.tip(), () -> bytesWithNul("name-raw-nul-byte"), attachments(1)));
        out.add(mail(
                "name-in-content-type-only",
                Expected.tip(),
                () -> Mails.message(
                        "name-in-content-type-only",
                        "type name",
                        Mails.multipart(
                                "mixed",
                                "n",
                                List.of(
                                        Mails.text("see"),
                                        Mails.entity(
                                                "Content-Type: application/octet-stream; name=\"../../x.sh\"\n"
                                                        + "Content-Transfer-Encoding: base64\n",
                                                "eA==\n")))),
                attachments(1)));
        return out;
    }

    private static HostileCase quoted(String name, String fileName) {
        return withDisposition(name, "attachment; filename=\"" + fileName + "\"");
    }

    private static HostileCase rfc2231(String name, String encoded) {
        return withDisposition(name, "attachment; filename*=utf-8''" + encoded);
    }

    private static HostileCase withDisposition(String name, String disposition) {
        return mail(
                name,
                Expected.tip(),
                () -> Mails.message(
                        name,
                        "a file",
                        Mails.multipart(
                                "mixed",
                                "names",
                                List.of(
                                        Mails.text("a file is attached"),
                                        Mails.attachment(
                                                "application/octet-stream",
                                                disposition,
                                                "content".getBytes(StandardCharsets.UTF_8))))),
                attachments(1));
    }

    /** A filename holding a raw NUL byte inside the quoted header value. */
    private static byte[] bytesWithNul(String name) {
        return Mails.message(
                name,
                "nul",
                Mails.multipart(
                        "mixed",
                        "nul",
                        List.of(
                                Mails.text("see"),
                                Mails.attachment(
                                        "application/octet-stream",
                                        "attachment; filename=\"a\u0000b.txt\"",
                                        new byte[] {1}))));
    }
}
