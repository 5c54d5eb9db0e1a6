// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import static org.tipbridge.bridge.hostile.GeneratedCase.mail;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * OpenPGP compression bombs: gigabytes of base64 zeros (or of preamble lines) streamed through
 * Bouncy Castle's compressors, then compressed again, so that a few kilobytes expand to
 * gigabytes. The bytes are made once per run (about a second per gibibyte) and kept.
 */
final class BombCases {
    static final long GIB = 1L << 30;
    /** The gibibyte bomb's inner layer: fast (about a second per GiB), squeezing only about 1300:1 over both layers. */
    private static final int FAST = 1;
    /** The smaller bombs' inner layer: slow, but a few kilobytes for 80 MiB, so the ratio limit trips early. */
    private static final int BEST = 9;
    /** Over what the ratio limit lets a few-kilobyte message expand to (1000 x (raw + 64 KiB), about 70 MB). */
    private static final long MIB_80 = 80L << 20;

    private static final int ZIP = 1;
    private static final int ZLIB = 2;

    private BombCases() {}

    static List<HostileCase> all() {
        PgpForge.Plan bridge = PgpForge.Plan.toBridge();
        return List.of(
                bomb("pgp-bomb-80mib-zeros-attachment-two-layers", bridge.compressed(BEST, ZIP, ZLIB), zeros(MIB_80)),
                bomb("pgp-bomb-1gib-preamble-two-layers", bridge.compressed(FAST, ZLIB, ZIP), preamble(GIB)),
                bomb("pgp-bomb-80mib-preamble-three-layers", bridge.compressed(BEST, ZIP, ZIP, ZLIB), preamble(MIB_80)),
                bomb("pgp-bomb-80mib-signed", bridge.compressed(BEST, ZLIB, ZIP).signedBySender(), preamble(MIB_80)),
                bomb("pgp-bomb-80mib-not-encrypted", bridge.to().compressed(BEST, ZIP, ZIP), preamble(MIB_80)),
                mail(
                        "pgp-bomb-80mib-inline-armored",
                        Expected.quarantine("text-too-large"),
                        () -> Mails.message(
                                "pgp-bomb-80mib-inline-armored",
                                "inline",
                                Mails.text(new String(
                                        PgpForge.forge(
                                                1,
                                                bridge.compressed(BEST, ZIP, ZIP),
                                                PgpForge.Content.repeated(line("inline bomb text"), MIB_80)),
                                        StandardCharsets.US_ASCII)))));
    }

    /** Whether a case is one of these bombs (for the bounded-heap test). */
    static boolean isBomb(HostileCase c) {
        return c.name().startsWith("pgp-bomb-");
    }

    private static HostileCase bomb(String name, PgpForge.Plan plan, PgpForge.Content content) {
        return mail(
                name,
                Expected.quarantine(name.contains("inline") ? "text-too-large" : "decompression-limit"),
                () -> Mails.message(
                        name,
                        "...",
                        Mails.pgpMime(new String(
                                PgpForge.forge(Mails.number(name), plan, content), StandardCharsets.US_ASCII))));
    }

    /** A base64 attachment of {@code bytes} of zeros, as MIME. */
    private static PgpForge.Content zeros(long bytes) {
        String head = "Content-Type: application/octet-stream\r\n"
                + "Content-Disposition: attachment; filename=\"zeros.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n";
        return PgpForge.Content.of(head.getBytes(StandardCharsets.US_ASCII))
                .then(PgpForge.Content.repeated(line("A".repeat(76)), bytes));
    }

    /** A multipart whose preamble is {@code bytes} long (a parser skips it, so only decompression works). */
    private static PgpForge.Content preamble(long bytes) {
        String head = "Content-Type: multipart/mixed; boundary=z\r\n\r\n";
        return PgpForge.Content.of(head.getBytes(StandardCharsets.US_ASCII))
                .then(PgpForge.Content.repeated(line("preamble of a compression bomb, repeated"), bytes));
    }

    private static byte[] line(String text) {
        return (text + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
