// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tipbridge.pgp.TestKeys.MAX;
import static org.tipbridge.pgp.TestKeys.PGP;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Bouncy Castle decryption pitfalls listed in DEPENDENCIES.md, each pinned by a test. */
class DecryptionTrapsTest {
    private static byte[] randomBytes(int n) {
        byte[] data = new byte[n];
        new Random(42).nextBytes(data);
        return data;
    }

    private static byte[] smallBinaryMessage() throws PgpException {
        // smaller than the generator's buffer: one definite-length packet, so any byte flip hits content
        return TestKeys.encrypt(
                randomBytes(2000), EncryptOptions.to(List.of(TestKeys.bridge().certificate())));
    }

    @Test
    void detectsTamperingOnlyAtClose() throws Exception {
        byte[] message = smallBinaryMessage();
        message[message.length / 2] ^= 0x01;

        DecryptingStream in = PGP.decrypt(
                new ByteArrayInputStream(message),
                DecryptOptions.with(TestKeys.bridge().key(), MAX));
        byte[] plaintext = in.readAllBytes(); // handed over before the check: callers must wait for close()
        assertThat(plaintext).hasSize(2000).isNotEqualTo(randomBytes(2000));
        assertThatThrownBy(in::result).isInstanceOf(IllegalStateException.class);

        assertThatThrownBy(in::close)
                .isInstanceOf(PgpStreamException.class)
                .satisfies(e -> assertThat(((PgpStreamException) e).failure())
                        .isInstanceOf(PgpException.IntegrityFailure.class));
        assertThatThrownBy(in::result).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resultIsUnavailableBeforeClose() throws Exception {
        DecryptingStream in = PGP.decrypt(
                new ByteArrayInputStream(smallBinaryMessage()),
                DecryptOptions.with(TestKeys.bridge().key(), MAX));
        in.readAllBytes();
        assertThatThrownBy(in::result).isInstanceOf(IllegalStateException.class);
        in.close();
        assertThat(in.result().encrypted()).isTrue();
    }

    @Test
    void closeWithoutReadingStillChecksIntegrity() throws Exception {
        byte[] message = smallBinaryMessage();
        message[message.length / 2] ^= 0x01;
        DecryptingStream in = PGP.decrypt(
                new ByteArrayInputStream(message),
                DecryptOptions.with(TestKeys.bridge().key(), MAX));
        assertThatThrownBy(in::close).isInstanceOf(PgpStreamException.class);
    }

    @Test
    void truncatedIsMalformed() throws Exception {
        byte[] message = smallBinaryMessage();
        byte[] truncated = Arrays.copyOf(message, message.length / 2);
        assertThat(Failure.ofDecrypting(
                        truncated, DecryptOptions.with(TestKeys.bridge().key(), MAX)))
                .isInstanceOf(PgpException.Malformed.class);
    }

    @Test
    void truncatedRightAfterOurKeyPacketIsMalformedNotForSomeoneElse() throws Exception {
        byte[] message = smallBinaryMessage();
        int keyPacket = 2 + (message[1] & 0xFF); // one-octet length of the first (key) packet
        byte[] truncated = Arrays.copyOf(message, keyPacket + 3);
        assertThat(Failure.ofDecrypting(
                        truncated, DecryptOptions.with(TestKeys.bridge().key(), MAX)))
                .isInstanceOf(PgpException.Malformed.class);
    }

    @Test
    void garbageIsMalformed() {
        byte[] garbage = "this is not an OpenPGP message at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(Failure.ofDecrypting(
                        garbage, DecryptOptions.with(TestKeys.bridge().key(), MAX)))
                .isInstanceOf(PgpException.Malformed.class);
    }

    @Test
    void notForUsIsCannotDecrypt() throws Exception {
        byte[] message = TestKeys.encrypt(
                randomBytes(100), EncryptOptions.to(List.of(TestKeys.analyst().certificate())));
        assertThatThrownBy(() -> PGP.decrypt(
                        new ByteArrayInputStream(message),
                        DecryptOptions.with(TestKeys.bridge().key(), MAX)))
                .isInstanceOf(PgpException.CannotDecrypt.class);
    }

    @Test
    void rejectsCompressionBomb() throws Exception {
        long gib = 1L << 30;
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        EncryptOptions compressed =
                new EncryptOptions(List.of(TestKeys.bridge().certificate()), Optional.empty(), false, true);
        try (OutputStream out = PGP.encrypt(sink, compressed)) {
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < gib; written += zeros.length) {
                out.write(zeros);
            }
        }
        byte[] bomb = sink.toByteArray();
        assertThat(bomb.length).isLessThan(4 << 20); // 1 GiB of zeros in a few MB

        long limit = 16L << 20;
        long started = System.nanoTime();
        DecryptingStream in = PGP.decrypt(
                new ByteArrayInputStream(bomb),
                DecryptOptions.with(TestKeys.bridge().key(), limit));
        long[] released = new long[1];
        assertThatThrownBy(() -> drain(in, released))
                .isInstanceOf(PgpStreamException.class)
                .satisfies(e ->
                        assertThat(((PgpStreamException) e).failure()).isInstanceOf(PgpException.LimitExceeded.class));
        assertThat(released[0]).isLessThanOrEqualTo(limit);
        assertThat(System.nanoTime() - started).as("fails fast").isLessThan(5_000_000_000L);
    }

    private static void drain(InputStream in, long[] count) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            count[0] += n;
        }
    }
}
