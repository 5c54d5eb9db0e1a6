// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import static org.tipbridge.bridge.hostile.GeneratedCase.mail;
import static org.tipbridge.bridge.hostile.RecordCheck.bodyContains;
import static org.tipbridge.bridge.hostile.RecordCheck.bodyLacks;
import static org.tipbridge.bridge.hostile.RecordCheck.replyGoesTo;
import static org.tipbridge.bridge.hostile.RecordCheck.subjectIs;

import java.util.ArrayList;
import java.util.List;

/**
 * Partly encrypted messages (only the encrypted part is trusted; the clear part is dropped or
 * flagged with a warning) and forged protected headers (a protected From or Reply-To never
 * redirects replies; only the protected Subject is used).
 */
final class PartialCases {
    static final String CLEAR_IGNORED = "was not encrypted and was ignored";
    private static final String SECRET = "the encrypted tip";
    private static final String CLEAR = "clear words an attacker added";
    private static final String VICTIM = "victim@elsewhere.example";

    private PartialCases() {}

    static List<HostileCase> all() {
        List<HostileCase> out = new ArrayList<>();
        out.add(mixed("partial-clear-text-before-encrypted", Mails.text(CLEAR), true, Expected.tip(CLEAR_IGNORED)));
        out.add(mixed("partial-clear-text-after-encrypted", Mails.text(CLEAR), false, Expected.tip(CLEAR_IGNORED)));
        out.add(mixed(
                "partial-clear-html-beside-encrypted",
                Mails.entity("Content-Type: text/html\n", "<p>" + CLEAR + "</p>\n"),
                true,
                Expected.tip(CLEAR_IGNORED)));
        out.add(mixed(
                "partial-clear-attachment-beside-encrypted",
                Mails.attachment("text/plain", "note.txt", CLEAR),
                true,
                Expected.tip("attachment 1 was not encrypted")));
        out.add(mixed(
                "partial-clear-protected-subject-beside-encrypted",
                Mails.entity(
                        "Content-Type: text/plain; protected-headers=\"v1\"\nSubject: forged in clear\n", CLEAR + "\n"),
                true,
                Expected.tip(CLEAR_IGNORED),
                subjectIs("the real subject")));
        out.add(mail(
                "partial-inline-block-with-text-around",
                Expected.tip("text outside the encrypted part was ignored"),
                () -> Mails.message(
                        "partial-inline-block-with-text-around",
                        "inline",
                        Mails.text(CLEAR + "\n"
                                + Mails.armored(
                                        "partial-inline-block-with-text-around", SECRET, PgpForge.Plan.toBridge())
                                + CLEAR)),
                bodyContains(SECRET),
                bodyLacks(CLEAR)));
        out.add(mail(
                "partial-outer-subject-in-clear",
                Expected.tip("the subject was not encrypted"),
                () -> Mails.encrypted("partial-outer-subject-in-clear", "a subject in clear", Mails.text(SECRET))));
        out.add(mail(
                "partial-two-payloads-in-one-encrypted-part",
                Expected.tip("an extra encrypted part was ignored"),
                () -> Mails.message("partial-two-payloads-in-one-encrypted-part", "...", twoPayloads())));
        out.add(mail(
                "partial-tampered-encrypted-beside-clear",
                Expected.quarantine("integrity-failure"),
                () -> Mails.message(
                        "partial-tampered-encrypted-beside-clear",
                        "...",
                        Mails.multipart(
                                "mixed",
                                "t",
                                List.of(
                                        Mails.text(CLEAR),
                                        Mails.pgpMime(tampered("partial-tampered-encrypted-beside-clear")))))));
        out.add(mail(
                "partial-encrypted-to-another-key-beside-clear",
                Expected.quarantine("not-encrypted-to-bridge"),
                () -> Mails.message(
                        "partial-encrypted-to-another-key-beside-clear",
                        "...",
                        Mails.multipart(
                                "mixed",
                                "o",
                                List.of(
                                        Mails.text(CLEAR),
                                        Mails.pgpMime(Mails.armored(
                                                "partial-encrypted-to-another-key-beside-clear",
                                                Mails.text(SECRET),
                                                PgpForge.Plan.toBridge().to(PgpForge.OTHER))))))));
        out.add(protectedHeaders(
                "protected-from-forged",
                "From: <" + VICTIM + ">\n",
                replyGoesTo(Mails.sender("protected-from-forged")),
                bodyLacks(VICTIM)));
        out.add(protectedHeaders(
                "protected-reply-to-third-party",
                "Reply-To: <" + VICTIM + ">\n",
                replyGoesTo(Mails.sender("protected-reply-to-third-party"))));
        out.add(protectedHeaders(
                "protected-from-and-sender-forged",
                "From: <" + VICTIM + ">\nSender: <" + VICTIM + ">\n",
                replyGoesTo(Mails.sender("protected-from-and-sender-forged"))));
        out.add(protectedHeaders("protected-subject-differs-from-outer", "", subjectIs("the real subject")));
        out.add(mail(
                "protected-legacy-display-part-dropped",
                Expected.tip(),
                () -> Mails.encrypted(
                        "protected-legacy-display-part-dropped",
                        "...",
                        protectedEntity(
                                "",
                                Mails.multipart(
                                        "mixed",
                                        "l",
                                        List.of(
                                                Mails.entity(
                                                        "Content-Type: text/plain; protected-headers=\"v1\"\n",
                                                        "Subject: the real subject\nFrom: " + VICTIM + "\n"),
                                                Mails.text(SECRET))))),
                bodyLacks(VICTIM),
                bodyContains(SECRET)));
        return out;
    }

    /** Encrypted tip and a clear part in one multipart/mixed, the clear part first or last. */
    private static HostileCase mixed(
            String name, String clearPart, boolean clearFirst, Expected expected, RecordCheck... more) {
        List<RecordCheck> checks = new ArrayList<>(List.of(bodyContains(SECRET), bodyLacks(CLEAR)));
        checks.addAll(List.of(more));
        return mail(
                name,
                expected,
                () -> {
                    String encrypted = Mails.pgpMime(
                            Mails.armored(name, protectedEntity("", Mails.text(SECRET)), PgpForge.Plan.toBridge()));
                    List<String> parts = clearFirst ? List.of(clearPart, encrypted) : List.of(encrypted, clearPart);
                    return Mails.message(name, "...", Mails.multipart("mixed", "partial", parts));
                },
                checks.toArray(RecordCheck[]::new));
    }

    private static HostileCase protectedHeaders(String name, String forged, RecordCheck... checks) {
        return mail(
                name,
                Expected.tip(),
                () -> Mails.encrypted(name, "...", protectedEntity(forged, Mails.text(SECRET))),
                checks);
    }

    /** A protected-headers (v1) root entity: the real subject plus {@code extraHeaders}, around {@code entity}. */
    private static String protectedEntity(String extraHeaders, String entity) {
        int blank = entity.indexOf("\n\n");
        String contentType =
                entity.substring(0, blank).replaceFirst("(?m)^(Content-Type: [^\n]*)", "$1; protected-headers=\"v1\"");
        return "Subject: the real subject\n" + extraHeaders + contentType + entity.substring(blank);
    }

    private static String twoPayloads() {
        String first = Mails.armored(
                "partial-two-payloads-in-one-encrypted-part", Mails.text(SECRET), PgpForge.Plan.toBridge());
        String second = Mails.armored("partial-two-payloads-second", Mails.text(CLEAR), PgpForge.Plan.toBridge());
        return Mails.multipart(
                "encrypted; protocol=\"application/pgp-encrypted\"",
                "two",
                List.of(
                        Mails.entity("Content-Type: application/pgp-encrypted\n", "Version: 1\n"),
                        Mails.entity("Content-Type: application/octet-stream\n", first),
                        Mails.entity("Content-Type: application/octet-stream\n", second)));
    }

    private static String tampered(String name) {
        byte[] binary = PgpForge.forge(
                Mails.number(name),
                PgpForge.Plan.toBridge().binary(),
                PgpForge.Content.of(Mails.crlf(PgpCases.LONG_INNER)));
        binary[binary.length / 2] ^= 0x01;
        return new String(PgpForge.armor(binary), java.nio.charset.StandardCharsets.US_ASCII);
    }
}
