// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Run in a separate small-heap JVM: pushes N MiB through encrypt and decrypt over a pipe (armored
 * when the second argument is "armor") and prints "bytes sha256-in sha256-out MBps". Anything that
 * buffered the message would run out of heap.
 */
public final class StreamingProbe {
    private StreamingProbe() {}

    public static void main(String[] args) throws Exception {
        long total = Long.parseLong(args[0]) << 20;
        OpenPgp pgp = OpenPgp.create();
        GeneratedKey key = pgp.generateKey("probe <probe@localhost>", "probe".toCharArray());
        PipedInputStream pipeIn = new PipedInputStream(1 << 16);
        PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
        boolean armor = args.length > 1 && args[1].equals("armor");
        EncryptOptions options = new EncryptOptions(List.of(key.certificate()), Optional.of(key.key()), armor, false);
        long started = System.nanoTime();
        CompletableFuture<String> written = CompletableFuture.supplyAsync(() -> write(pgp, pipeOut, options, total));
        MessageDigest out = MessageDigest.getInstance("SHA-256");
        long read = 0;
        try (DecryptingStream in = pgp.decrypt(pipeIn, DecryptOptions.with(key.key(), 1L << 20))) {
            read = digest(in, out);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.println(read + " " + written.join() + " " + HexFormat.of().formatHex(out.digest()) + " "
                + Math.round(total / 1e6 / seconds));
    }

    private static String write(OpenPgp pgp, PipedOutputStream pipe, EncryptOptions options, long total) {
        try (pipe;
                OutputStream out = pgp.encrypt(pipe, options)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] chunk = new byte[1 << 16];
            Random random = new Random(7);
            for (long sent = 0; sent < total; sent += chunk.length) {
                random.nextBytes(chunk);
                digest.update(chunk);
                out.write(chunk);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long digest(InputStream in, MessageDigest digest) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long count = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
            count += n;
        }
        return count;
    }
}
