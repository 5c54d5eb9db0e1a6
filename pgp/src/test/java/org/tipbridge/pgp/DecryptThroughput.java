// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Manual measurement, not part of the test run: decrypt + verify of one signed message of N MiB
 * (default 200), armored and binary, held in memory, a few rounds each. Prints MB/s of plaintext.
 * Run with a 2 GB heap from the module's test classpath:
 * {@code java -Xmx2g -cp <test-classes:classes:bc jars> org.tipbridge.pgp.DecryptThroughput 200 3}
 */
public final class DecryptThroughput {
    private DecryptThroughput() {}

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        OpenPgp pgp = OpenPgp.create();
        GeneratedKey bridge = pgp.generateKey("bridge <bridge@localhost>", "p".toCharArray());
        GeneratedKey sender = pgp.generateKey("sender <sender@localhost>", "p".toCharArray());
        byte[] plaintext = new byte[mib << 20];
        new Random(1).nextBytes(plaintext);
        DecryptOptions options =
                new DecryptOptions(bridge.key(), List.of(sender.certificate()), fp -> Optional.empty(), Long.MAX_VALUE);
        for (boolean armor : new boolean[] {true, false}) {
            EncryptOptions signed =
                    new EncryptOptions(List.of(bridge.certificate()), Optional.of(sender.key()), armor, false);
            byte[] message = encrypt(pgp, plaintext, signed);
            for (int round = 0; round < rounds; round++) {
                measure(pgp, message, options, armor ? "armored" : "binary ");
            }
        }
    }

    private static byte[] encrypt(OpenPgp pgp, byte[] plaintext, EncryptOptions options) throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream(plaintext.length / 3 * 4 + (1 << 20));
        try (OutputStream out = pgp.encrypt(sink, options)) {
            for (int i = 0; i < plaintext.length; i += 1 << 16) {
                out.write(plaintext, i, Math.min(1 << 16, plaintext.length - i));
            }
        }
        return sink.toByteArray();
    }

    private static void measure(OpenPgp pgp, byte[] message, DecryptOptions options, String label) throws Exception {
        long started = System.nanoTime();
        DecryptingStream in = pgp.decrypt(new ByteArrayInputStream(message), options);
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
        }
        in.close();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "%s %d bytes of plaintext (message %d bytes) in %.2f s = %.1f MB/s, signature %s%n",
                label,
                total,
                message.length,
                seconds,
                total / 1e6 / seconds,
                in.result().signature());
    }
}
