// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import static org.tipbridge.bridge.hostile.GeneratedCase.mail;
import static org.tipbridge.bridge.hostile.RecordCheck.bodyContains;
import static org.tipbridge.bridge.hostile.RecordCheck.replyGoesTo;
import static org.tipbridge.bridge.hostile.RecordCheck.subjectIs;

import java.util.ArrayList;
import java.util.List;
import org.tipbridge.conf.LimitsConfig;

/** Giant headers and lines, the message size limit, and From lines that are missing, doubled, hidden or lying. */
final class HeaderCases {
    private static final String VICTIM = "victim@elsewhere.example";

    private HeaderCases() {}

    static List<HostileCase> all(LimitsConfig limits) {
        List<HostileCase> out = new ArrayList<>();
        int header = limits.maxHeaderBytes();
        int line = limits.maxLineBytes();
        out.add(mail(
                "header-block-just-over-limit-folded",
                Expected.quarantine("header-too-large"),
                () -> Mails.message(
                        "header-block-just-over-limit-folded", folded("X-Padding", header + 1), Mails.text("text"))));
        out.add(mail(
                "header-fields-flood-20000",
                Expected.quarantine("header-too-large"),
                () -> Mails.message(
                        "header-fields-flood-20000",
                        "many fields",
                        "X-Junk: value\n".repeat(20_000) + Mails.text("text"))));
        out.add(mail(
                "header-continuation-flood-100000",
                Expected.quarantine("header-too-large"),
                () -> Mails.message(
                        "header-continuation-flood-100000", "folded\n" + " x\n".repeat(100_000), Mails.text("text"))));
        out.add(mail(
                "header-line-just-over-limit",
                Expected.quarantine("line-too-long"),
                () -> Mails.message("header-line-just-over-limit", "s".repeat(line), Mails.text("text"))));
        out.add(streamed(
                "header-line-far-over-64mib",
                Expected.quarantine("line-too-long"),
                "header-line-far-over-64mib",
                "X-Long: ",
                "h".repeat(4096),
                64L << 20,
                "\n\ntext\n"));
        out.add(mail(
                "body-line-at-limit",
                Expected.tip(),
                () -> Mails.plain("body-line-at-limit", "long line", "l".repeat(line - 1)),
                bodyContains("lll")));
        out.add(mail(
                "body-line-just-over-limit",
                Expected.quarantine("line-too-long"),
                () -> Mails.plain("body-line-just-over-limit", "long line", "l".repeat(line + 1))));
        out.add(streamed(
                "body-line-far-over-64mib",
                Expected.quarantine("line-too-long"),
                "body-line-far-over-64mib",
                "Subject: one line\n\n",
                "b".repeat(4096),
                64L << 20,
                "\n"));
        long size = limits.maxMessageBytes();
        String preamble = "Content-Type: multipart/mixed; boundary=big\n\n";
        out.add(streamed(
                "message-size-just-over-limit",
                Expected.quarantine("message-too-large"),
                "message-size-just-over-limit",
                "Subject: big\nMIME-Version: 1.0\n" + preamble,
                "preamble text of a message just over the size limit  \r\n",
                size,
                "--big--\n"));
        out.add(streamed(
                "message-size-far-over-4gib",
                Expected.quarantine("message-too-large"),
                "message-size-far-over-4gib",
                "Subject: huge\nMIME-Version: 1.0\n" + preamble,
                "preamble text of a message four gibibytes long        \r\n",
                4L << 30,
                "--big--\n"));
        out.add(mail(
                "from-missing",
                Expected.quarantine("no-sender"),
                () -> Mails.bare(
                        "Subject: nobody\nMessage-ID: <from-missing@sources.example>\n", Mails.text("who am I"))));
        out.add(mail(
                "from-group-syntax-empty",
                Expected.quarantine("no-sender"),
                () -> Mails.bare("From: Undisclosed senders:;\nSubject: group\n", Mails.text("text"))));
        out.add(mail(
                "from-address-overlong",
                Expected.quarantine("no-sender"),
                () -> Mails.bare(
                        "From: <" + "a".repeat(400) + "@sources.example>\nSubject: long\n", Mails.text("text"))));
        out.add(mail(
                "from-address-in-encoded-word",
                Expected.quarantine("no-sender"),
                () -> Mails.bare(
                        "From: =?utf-8?b?Y2FzZS1oaWRkZW5Ac291cmNlcy5leGFtcGxl?=\nSubject: hidden\n",
                        Mails.text("text"))));
        out.add(mail(
                "from-address-with-control-character",
                Expected.quarantine("no-sender"),
                () -> Mails.bare("From: <case-\u0007bell@sources.example>\nSubject: bell\n", Mails.text("text"))));
        out.add(mail(
                "from-duplicated-different-addresses",
                Expected.tip(),
                () -> Mails.bare(
                        "From: <" + Mails.sender("from-duplicated-different-addresses") + ">\nFrom: <" + VICTIM
                                + ">\nSubject: two froms\n",
                        Mails.text("text")),
                replyGoesTo(Mails.sender("from-duplicated-different-addresses"))));
        out.add(mail(
                "from-list-of-addresses",
                Expected.tip(),
                () -> Mails.bare(
                        "From: " + Mails.sender("from-list-of-addresses") + ", " + VICTIM + "\nSubject: two\n",
                        Mails.text("text")),
                replyGoesTo(Mails.sender("from-list-of-addresses"))));
        out.add(mail(
                "from-display-name-spoofs-address",
                Expected.tip(),
                () -> Mails.bare(
                        "From: \"" + VICTIM + "\" <" + Mails.sender("from-display-name-spoofs-address")
                                + ">\nSubject: spoof\n",
                        Mails.text("text")),
                replyGoesTo(Mails.sender("from-display-name-spoofs-address"))));
        out.add(mail(
                "reply-to-third-party-ignored",
                Expected.tip(),
                () -> Mails.bare(
                        "From: <" + Mails.sender("reply-to-third-party-ignored") + ">\nReply-To: <" + VICTIM
                                + ">\nSubject: reply elsewhere\n",
                        Mails.text("text")),
                replyGoesTo(Mails.sender("reply-to-third-party-ignored"))));
        out.add(mail(
                "header-content-type-duplicated",
                Expected.tip(),
                () -> Mails.message(
                        "header-content-type-duplicated",
                        "two types",
                        "Content-Type: text/plain; charset=utf-8\nContent-Type: application/pgp-keys\n\nplain words\n"),
                bodyContains("plain words")));
        out.add(mail(
                "header-subject-duplicated",
                Expected.tip(),
                () -> Mails.bare(
                        "From: <" + Mails.sender("header-subject-duplicated") + ">\nSubject: first\nSubject: second\n",
                        Mails.text("text")),
                subjectIs("first")));
        out.add(mail(
                "header-field-names-garbage",
                Expected.tip(),
                () -> Mails.message(
                        "header-field-names-garbage",
                        "garbage names",
                        ": no name\n::::\nX Y: spaced\n\u00ff\u00fe: high\nnot a header line\n" + Mails.text("text"))));
        out.add(mail(
                "header-content-type-parameter-flood",
                Expected.tip(),
                () -> Mails.message(
                        "header-content-type-parameter-flood",
                        "parameters",
                        Mails.entity("Content-Type: text/plain" + parameters(5000) + "\n", "parameters\n")),
                bodyContains("parameters")));
        out.add(mail(
                "header-auto-submitted-bounce",
                Expected.quarantine("automated"),
                () -> Mails.message(
                        "header-auto-submitted-bounce",
                        "Undelivered Mail Returned to Sender",
                        "Auto-Submitted: auto-replied\n" + Mails.text("delivery failed"))));
        return out;
    }

    private static HostileCase streamed(
            String name, Expected expected, String caseName, String head, String unit, long middle, String tail) {
        String fullHead = Mails.headers(caseName) + head;
        long length = RepeatedStream.of(fullHead, unit, middle, tail).length();
        return GeneratedCase.streamedMail(
                name, expected, length, () -> RepeatedStream.of(fullHead, unit, middle, tail));
    }

    /** A header value folded into 70-byte lines until the field holds {@code bytes} bytes. */
    private static String folded(String field, int bytes) {
        StringBuilder out = new StringBuilder("padded\n").append(field).append(": start");
        while (out.length() < bytes + 100) {
            out.append("\n ").append("f".repeat(68));
        }
        return out.toString();
    }

    private static String parameters(int count) {
        StringBuilder out = new StringBuilder("; charset=utf-8");
        for (int i = 0; i < count; i++) {
            out.append(";\n p").append(i).append("=v");
        }
        return out.toString();
    }
}
