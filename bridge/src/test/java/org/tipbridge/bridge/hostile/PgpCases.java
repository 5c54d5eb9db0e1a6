// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import static org.tipbridge.bridge.hostile.GeneratedCase.mail;
import static org.tipbridge.bridge.hostile.RecordCheck.bodyContains;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/** Malformed, truncated, tampered and misaddressed OpenPGP messages, and payloads that only look encrypted. */
final class PgpCases {
    private static final String INNER = "Content-Type: text/plain; charset=utf-8\n\nthe encrypted tip\n";
    /** Long enough that the middle of the ciphertext is data, not a key or header packet. */
    static final String LONG_INNER = INNER + "more of the tip, line after line\n".repeat(120);

    private PgpCases() {}

    static List<HostileCase> all() {
        List<HostileCase> out = new ArrayList<>();
        out.add(planned(
                "pgp-encrypted-to-another-key",
                PgpForge.Plan.toBridge().to(PgpForge.OTHER),
                Expected.quarantine("not-encrypted-to-bridge")));
        out.add(planned(
                "pgp-encrypted-to-another-key-and-bridge",
                PgpForge.Plan.toBridge().to(PgpForge.OTHER, PgpForge.BRIDGE),
                Expected.tip(),
                bodyContains("the encrypted tip"),
                encrypted(true)));
        out.add(planned(
                "pgp-without-integrity-packet",
                PgpForge.Plan.toBridge().withoutIntegrity(),
                Expected.quarantine("integrity-failure")));
        out.add(planned(
                "pgp-signature-not-matching-unknown-signer",
                PgpForge.Plan.toBridge().signedBySender(PgpForge.Signature.NOT_MATCHING),
                Expected.tip(),
                signature("unverified")));
        out.add(planned(
                "pgp-one-pass-signature-without-signature-packet",
                PgpForge.Plan.toBridge().signedBySender(PgpForge.Signature.MISSING),
                Expected.quarantine("malformed-pgp")));
        out.add(planned(
                "pgp-signed-by-unknown-key",
                PgpForge.Plan.toBridge().signedBySender(),
                Expected.tip(),
                signature("unverified")));
        out.add(planned(
                "pgp-compression-nested-9-layers",
                PgpForge.Plan.toBridge().compressed(6, 1, 2, 1, 2, 1, 2, 1, 2, 1),
                Expected.quarantine("malformed-pgp")));
        out.add(damaged(
                "pgp-ciphertext-truncated-half",
                b -> Arrays.copyOf(b, b.length / 2),
                Expected.quarantine("malformed-pgp")));
        out.add(damaged("pgp-ciphertext-bit-flipped", PgpCases::flipMiddle, Expected.quarantine("integrity-failure")));
        out.add(damaged(
                "pgp-ciphertext-trailing-garbage-ignored",
                b -> concat(b, "garbage".getBytes(StandardCharsets.US_ASCII)),
                Expected.tip()));
        out.add(damaged(
                "pgp-ciphertext-truncated-after-key-packet",
                b -> Arrays.copyOf(b, firstPacketLength(b) + 3),
                Expected.quarantine("malformed-pgp")));
        out.add(payload(
                "pgp-armor-without-end-line",
                armored("pgp-armor-without-end-line").replace("-----END PGP MESSAGE-----", ""),
                Expected.quarantine("malformed-pgp")));
        out.add(payload(
                "pgp-armor-bad-checksum",
                badChecksum(armored("pgp-armor-bad-checksum")),
                Expected.quarantine("malformed-pgp")));
        out.add(payload(
                "pgp-armor-garbage-lines",
                armored("pgp-armor-garbage-lines").replaceFirst("\n\n", "\n\n!!! not base64 !!!\n"),
                Expected.quarantine("malformed-pgp")));
        out.add(payload(
                "pgp-payload-not-openpgp",
                "hello, this is not an OpenPGP message\n",
                Expected.quarantine("malformed-pgp")));
        out.add(payload("pgp-payload-empty", "", Expected.quarantine("malformed-pgp")));
        out.add(payload(
                "pgp-payload-random-binary",
                new String(random(4096), StandardCharsets.ISO_8859_1),
                Expected.quarantine("malformed-pgp")));
        out.add(payload(
                "pgp-packet-length-claims-4gib",
                new String(
                        PgpForge.armor(new byte[] {
                            (byte) 0xCB,
                            (byte) 0xFF,
                            (byte) 0xFF,
                            (byte) 0xFF,
                            (byte) 0xFF,
                            (byte) 0xFF,
                            'b',
                            0,
                            0,
                            0,
                            0,
                            0,
                            'x'
                        }),
                        StandardCharsets.US_ASCII),
                Expected.quarantine("malformed-pgp")));
        out.add(payload(
                "pgp-compressed-algorithm-unknown",
                packets(
                        "pgp-compressed-algorithm-unknown",
                        PgpForge.compressed(99, PgpForge.literal("x".getBytes(StandardCharsets.US_ASCII)))),
                Expected.quarantine("malformed-pgp")));
        out.add(payload(
                "pgp-compressed-deflate-garbage",
                packets("pgp-compressed-deflate-garbage", PgpForge.compressed(1, random(2048))),
                Expected.quarantine("malformed-pgp")));
        out.add(payload(
                "pgp-literal-then-extra-packet",
                packets(
                        "pgp-literal-then-extra-packet",
                        concat(
                                PgpForge.literal(Mails.crlf(INNER)),
                                PgpForge.literal("second".getBytes(StandardCharsets.US_ASCII)))),
                Expected.quarantine("malformed-pgp")));
        out.add(payload(
                "pgp-payload-only-literal-packet-not-encrypted",
                new String(PgpForge.armor(PgpForge.literal(Mails.crlf(INNER))), StandardCharsets.US_ASCII),
                Expected.tip(),
                encrypted(false)));
        out.add(mail(
                "pgp-decrypts-to-random-binary",
                Expected.tip(),
                () -> Mails.message(
                        "pgp-decrypts-to-random-binary",
                        "...",
                        Mails.pgpMime(new String(
                                PgpForge.forge(7, PgpForge.Plan.toBridge(), PgpForge.Content.of(random(4000))),
                                StandardCharsets.US_ASCII)))));
        out.add(mail(
                "pgp-encryption-nested-twice",
                Expected.tip(),
                () -> Mails.encrypted(
                        "pgp-encryption-nested-twice", "...", Mails.pgpMime(armored("pgp-encryption-nested-twice"))),
                bodyContains("the encrypted tip"),
                encrypted(true)));
        return out;
    }

    static RecordCheck signature(String status) {
        return RecordCheck.that(
                "signature is " + status, t -> t.record().signature().equals(status));
    }

    static RecordCheck encrypted(boolean encrypted) {
        return RecordCheck.that("encrypted is " + encrypted, t -> t.record().encrypted() == encrypted);
    }

    private static HostileCase planned(String name, PgpForge.Plan plan, Expected expected, RecordCheck... checks) {
        return mail(name, expected, () -> Mails.encrypted(name, "...", INNER, plan), checks);
    }

    /** The binary message to the bridge, damaged by {@code damage}, then armored. */
    private static HostileCase damaged(String name, UnaryOperator<byte[]> damage, Expected expected) {
        return mail(name, expected, () -> {
            byte[] binary = PgpForge.forge(
                    Mails.number(name), PgpForge.Plan.toBridge().binary(), PgpForge.Content.of(Mails.crlf(LONG_INNER)));
            return Mails.message(
                    name,
                    "...",
                    Mails.pgpMime(new String(PgpForge.armor(damage.apply(binary)), StandardCharsets.US_ASCII)));
        });
    }

    private static HostileCase payload(String name, String payload, Expected expected, RecordCheck... checks) {
        return mail(name, expected, () -> Mails.message(name, "...", Mails.pgpMime(payload)), checks);
    }

    private static String armored(String name) {
        return Mails.armored(name, INNER, PgpForge.Plan.toBridge());
    }

    private static String packets(String name, byte[] packets) {
        return new String(PgpForge.encryptPackets(Mails.number(name), packets), StandardCharsets.US_ASCII);
    }

    /** Changes the armor's CRC-24 line ("=XXXX") to another valid-looking one. */
    private static String badChecksum(String armored) {
        int at = armored.lastIndexOf("\n=");
        if (at < 0) {
            return armored.replace("-----END", "=AAAA\n-----END");
        }
        char first = armored.charAt(at + 2);
        return armored.substring(0, at + 2) + (first == 'A' ? 'B' : 'A') + armored.substring(at + 3);
    }

    private static byte[] flipMiddle(byte[] binary) {
        byte[] copy = binary.clone();
        copy[copy.length / 2] ^= 0x01;
        return copy;
    }

    /** The length of the first packet (header included) of a binary OpenPGP message. */
    static int firstPacketLength(byte[] b) {
        if ((b[0] & 0x40) == 0) { // old format: the length type is in the tag byte
            return switch (b[0] & 3) {
                case 0 -> 2 + (b[1] & 0xFF);
                case 1 -> 3 + ((b[1] & 0xFF) << 8 | (b[2] & 0xFF));
                default -> throw new IllegalStateException("unexpected packet length form");
            };
        }
        int first = b[1] & 0xFF;
        if (first < 192) {
            return 2 + first;
        }
        if (first < 224) {
            return 3 + ((first - 192) << 8) + (b[2] & 0xFF) + 192;
        }
        throw new IllegalStateException("unexpected packet length form");
    }

    static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
