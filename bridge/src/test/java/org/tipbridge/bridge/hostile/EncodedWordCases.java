// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import static org.tipbridge.bridge.hostile.GeneratedCase.mail;
import static org.tipbridge.bridge.hostile.RecordCheck.attachments;
import static org.tipbridge.bridge.hostile.RecordCheck.subjectIs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.tipbridge.conf.LimitsConfig;

/** RFC 2047 abuse: nested, huge, invalid, lying about their charset, hiding controls and paths. */
final class EncodedWordCases {
    private EncodedWordCases() {}

    static List<HostileCase> all(LimitsConfig limits) {
        List<HostileCase> out = new ArrayList<>();
        out.add(subject("rfc2047-nested-decoded-once", b64("=?utf-8?q?hello?="), subjectIs("=?utf-8?q?hello?=")));
        out.add(subject("rfc2047-invalid-base64", "=?utf-8?b?@@@not*base64@@@?="));
        out.add(subject("rfc2047-unknown-charset", "=?x-no-such-charset?q?abc?="));
        out.add(subject("rfc2047-utf7-charset", "=?utf-7?q?+ADw-b+AD4-?="));
        out.add(subject("rfc2047-unterminated", "=?utf-8?q?never ends"));
        out.add(subject("rfc2047-q-with-question-marks", "=?utf-8?q?a?b?c?d?="));
        out.add(subject("rfc2047-decodes-to-controls-and-bidi", b64("\u001b[2J\u202egnp.exe\u0000\u0007done")));
        out.add(subject("rfc2047-decodes-to-header-injection", "=?utf-8?q?tip=0D=0ABcc:_victim@elsewhere.example?="));
        out.add(subject("rfc2047-decodes-to-nul", "=?utf-8?q?a=00b=00c?="));
        out.add(subject("rfc2047-charset-lies-latin1-bytes", "=?utf-8?q?Gr=FC=DFe?="));
        out.add(subject("rfc2047-hundred-charsets-mixed", mixed(100)));
        out.add(subject("rfc2047-words-flood-60kib", words(limits.maxHeaderBytes() - 6_000)));
        out.add(subject("rfc2047-single-word-60kb", "=?utf-8?q?" + "w".repeat(60_000) + "?="));
        out.add(mail(
                "rfc2047-words-over-header-limit",
                Expected.quarantine("header-too-large"),
                () -> Mails.message(
                        "rfc2047-words-over-header-limit",
                        words(limits.maxHeaderBytes() + 1_000),
                        Mails.text("text"))));
        out.add(mail(
                "rfc2047-filename-path-traversal",
                Expected.tip(),
                () -> Mails.message(
                        "rfc2047-filename-path-traversal",
                        "encoded name",
                        Mails.multipart(
                                "mixed",
                                "f",
                                List.of(
                                        Mails.text("see file"),
                                        Mails.attachment(
                                                "text/plain", "=?utf-8?q?..=2F..=2F..=2Fetc=2Fcron.d=2Fevil?=", "x")))),
                attachments(1)));
        out.add(mail(
                "rfc2231-filename-continuation-flood",
                Expected.tip(),
                () -> Mails.message(
                        "rfc2231-filename-continuation-flood",
                        "continuations",
                        Mails.multipart(
                                "mixed",
                                "c",
                                List.of(Mails.entity(
                                        "Content-Type: application/octet-stream\nContent-Disposition: attachment"
                                                + continuations(1500) + "\nContent-Transfer-Encoding: base64\n",
                                        "eA==\n")))),
                attachments(1)));
        return out;
    }

    private static HostileCase subject(String name, String encodedSubject, RecordCheck... checks) {
        return mail(name, Expected.tip(), () -> Mails.message(name, encodedSubject, Mails.text("body")), checks);
    }

    private static String b64(String text) {
        return "=?utf-8?b?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static String mixed(int count) {
        String[] charsets = {"utf-8", "iso-8859-1", "koi8-r", "shift_jis", "utf-16be", "windows-1252", "gb2312"};
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : "\n ")
                    .append("=?")
                    .append(charsets[i % charsets.length])
                    .append("?q?w")
                    .append(i)
                    .append("?=");
        }
        return out.toString();
    }

    /** Folded encoded words until about {@code bytes} bytes. */
    private static String words(int bytes) {
        StringBuilder out = new StringBuilder("=?utf-8?q?start?=");
        while (out.length() < bytes) {
            out.append("\n =?utf-8?b?")
                    .append(b64Body("a tip, split into many encoded words "))
                    .append("?=");
        }
        return out.toString();
    }

    private static String b64Body(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String continuations(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(";\n filename*").append(i).append("*=utf-8''%2E%2E%2F");
        }
        return out.toString();
    }
}
