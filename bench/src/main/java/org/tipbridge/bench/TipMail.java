// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.EncryptOptions;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;

/**
 * Writes tips as careful sources send them: PGP/MIME, encrypted to the bridge key, signed by the
 * source's own key, which travels inside the encryption (so the daemon can verify it), under the
 * identifying headers real mail picks up on its way.
 */
final class TipMail {
    private static final String OUTER = "bench-outer-3f9a";
    private static final String INNER = "bench-inner-81c4";
    private static final String[] WORDS = {
        "pangolin",
        "scales",
        "border",
        "post",
        "truck",
        "timber",
        "permit",
        "ivory",
        "ranger",
        "night",
        "river",
        "convoy",
        "warehouse",
        "invoice",
        "official",
        "forest",
        "saw",
        "mill"
    };
    private final OpenPgp pgp;
    private final Certificate bridge;
    private final List<GeneratedKey> sources;
    private final Random random;
    private int textChars = 1500;

    private TipMail(OpenPgp pgp, Certificate bridge, List<GeneratedKey> sources, Random random) {
        this.pgp = pgp;
        this.bridge = bridge;
        this.sources = sources;
        this.random = random;
    }

    static TipMail create(OpenPgp pgp, Certificate bridge, int sourceCount, long seed) throws PgpException {
        List<GeneratedKey> sources = new ArrayList<>();
        for (int i = 0; i < sourceCount; i++) {
            sources.add(pgp.generateKey("Source " + i + " <" + address(i) + ">", new char[0]));
        }
        return new TipMail(pgp, bridge, sources, new Random(seed));
    }

    List<Certificate> sourceCertificates() {
        return sources.stream().map(GeneratedKey::certificate).toList();
    }

    /** Makes the text of small tips long enough for a whole message of about {@code targetBytes}. */
    void calibrate(int targetBytes) throws IOException, PgpException {
        for (int round = 0; round < 3; round++) {
            int size = small(0).length;
            textChars = Math.max(100, textChars + (int) ((targetBytes - size) / 1.375));
        }
    }

    /** A small tip from source {@code index % sources}, unique Message-ID. */
    byte[] small(int index) throws IOException, PgpException {
        GeneratedKey source = sources.get(index % sources.size());
        ByteArrayOutputStream armored = new ByteArrayOutputStream();
        try (OutputStream out = pgp.encrypt(armored, options(source))) {
            out.write(innerHead(source));
            out.write(("--" + INNER + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        ByteArrayOutputStream mail = new ByteArrayOutputStream();
        mail.write(outerHead(index));
        mail.write(crlf(armored.toString(StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));
        mail.write(outerTail());
        return mail.toByteArray();
    }

    /** A tip carrying {@code attachmentBytes} of random data as a base64 attachment, streamed to {@code file}. */
    void large(Path file, long attachmentBytes) throws IOException, PgpException {
        GeneratedKey source = sources.get(0);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(outerHead(1_000_000));
            try (OutputStream plain = pgp.encrypt(out, options(source))) {
                plain.write(innerHead(source));
                plain.write(("--" + INNER + "\r\nContent-Type: application/octet-stream; name=\"evidence.bin\"\r\n"
                                + "Content-Disposition: attachment; filename=\"evidence.bin\"\r\n"
                                + "Content-Transfer-Encoding: base64\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                writeRandomBase64(plain, attachmentBytes);
                plain.write(("\r\n--" + INNER + "--\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(outerTail());
        }
    }

    private void writeRandomBase64(OutputStream plain, long bytes) throws IOException {
        byte[] chunk = new byte[57 * 16 * 1024];
        try (OutputStream b64 = Base64.getMimeEncoder().wrap(new KeepOpen(plain))) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                b64.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
    }

    private EncryptOptions options(GeneratedKey source) {
        return new EncryptOptions(List.of(bridge), Optional.of(source.key()), true, false);
    }

    private byte[] innerHead(GeneratedKey source) {
        String s = "Content-Type: multipart/mixed; boundary=\"" + INNER + "\"; protected-headers=\"v1\"\r\n"
                + "Subject: what I saw at the border post\r\n\r\n"
                + "--" + INNER
                + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + text(textChars) + "\r\n"
                + "--" + INNER + "\r\nContent-Type: application/pgp-keys; name=\"source-key.asc\"\r\n"
                + "Content-Disposition: attachment; filename=\"source-key.asc\"\r\n\r\n"
                + crlf(source.certificate().armored()) + "\r\n";
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String text(int chars) {
        StringBuilder s = new StringBuilder(chars + 80);
        int lineStart = 0;
        while (s.length() < chars) {
            s.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            if (s.length() - lineStart > 70) {
                s.append("\r\n");
                lineStart = s.length();
            }
        }
        return s.toString();
    }

    private byte[] outerHead(int index) {
        String from = address(index % sources.size());
        String s = "From: A Source <" + from + ">\r\n"
                + "To: tips@localhost\r\n"
                + "Received: from laptop-" + index + ".home.example.net ([198.51.100.77]) by mx.example.org\r\n"
                + "Message-ID: <" + index + "." + System.nanoTime() + "@phone.example.net>\r\n"
                + "Date: Tue, 24 Nov 2026 13:37:00 +0300\r\n"
                + "Subject: ...\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"" + OUTER
                + "\"\r\n\r\n"
                + "--" + OUTER + "\r\nContent-Type: application/pgp-encrypted\r\n\r\nVersion: 1\r\n\r\n"
                + "--" + OUTER + "\r\nContent-Type: application/octet-stream; name=\"encrypted.asc\"\r\n\r\n";
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] outerTail() {
        return ("\r\n--" + OUTER + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String address(int index) {
        return "source" + index + "@example.org";
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** Lets a wrapping encoder finish without closing the stream under it. */
    private static final class KeepOpen extends OutputStream {
        private final OutputStream out;

        KeepOpen(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
