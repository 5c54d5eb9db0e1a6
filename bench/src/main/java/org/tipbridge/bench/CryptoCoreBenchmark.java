// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.EncryptOptions;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.SignatureStatus;

/**
 * The pipeline's crypto core without mail, IMAP or SQLite: open a 4 KB armored tip (decrypt with
 * the bridge key, verify the source's signature) and seal the plaintext to two analysts. Not
 * final: JMH generates subclasses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class CryptoCoreBenchmark {
    private static final long MAX_DECOMPRESSED = 1L << 30;
    private OpenPgp pgp;
    private DecryptOptions open;
    private EncryptOptions seal;
    private byte[] tip;
    private byte[] plaintext;

    @Setup
    public void setUp() throws Exception {
        pgp = OpenPgp.create();
        GeneratedKey bridge = pgp.generateKey("bridge <tips@localhost>", new char[0]);
        GeneratedKey source = pgp.generateKey("source <source@example.org>", new char[0]);
        List<Certificate> analysts = List.of(
                pgp.generateKey("a1", new char[0]).certificate(),
                pgp.generateKey("a2", new char[0]).certificate());
        open = new DecryptOptions(
                bridge.key(), List.of(source.certificate()), fp -> Optional.empty(), MAX_DECOMPRESSED);
        seal = EncryptOptions.to(analysts);
        plaintext = "pangolin scales at the border post, truck leaves at night\r\n"
                .repeat(50)
                .getBytes(StandardCharsets.UTF_8);
        tip = encrypt(new EncryptOptions(List.of(bridge.certificate()), Optional.of(source.key()), true, false));
        if (decryptVerify().length != plaintext.length) {
            throw new IllegalStateException("round trip failed");
        }
    }

    @Benchmark
    public byte[] decryptVerify() throws IOException, PgpException {
        DecryptingStream in = pgp.decrypt(new ByteArrayInputStream(tip), open);
        byte[] out = in.readAllBytes();
        in.close();
        if (in.result().signature() != SignatureStatus.VERIFIED) {
            throw new IllegalStateException("signature not verified");
        }
        return out;
    }

    @Benchmark
    public byte[] seal() throws IOException, PgpException {
        return encrypt(seal);
    }

    @Benchmark
    public byte[] decryptVerifyAndSeal() throws IOException, PgpException {
        byte[] clear = decryptVerify();
        ByteArrayOutputStream sealed = new ByteArrayOutputStream(clear.length + 1024);
        try (OutputStream out = pgp.encrypt(sealed, seal)) {
            out.write(clear);
        }
        return sealed.toByteArray();
    }

    private byte[] encrypt(EncryptOptions options) throws IOException, PgpException {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream(plaintext.length + 1024);
        try (OutputStream out = pgp.encrypt(sealed, options)) {
            out.write(plaintext);
        }
        return sealed.toByteArray();
    }
}
