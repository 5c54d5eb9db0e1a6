// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tipbridge.pgp.TestKeys.MAX;
import static org.tipbridge.pgp.TestKeys.PGP;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoundTripTest {
    private static final byte[] TIP = "Elephant tusks in container 4471 – café".getBytes(UTF_8);

    @Test
    void roundTripsToTwoRecipients() throws Exception {
        byte[] message = TestKeys.encrypt(
                TIP,
                EncryptOptions.to(List.of(
                        TestKeys.bridge().certificate(), TestKeys.analyst().certificate())));

        for (GeneratedKey recipient : List.of(TestKeys.bridge(), TestKeys.analyst())) {
            TestKeys.Decrypted decrypted = TestKeys.decrypt(message, DecryptOptions.with(recipient.key(), MAX));
            assertThat(decrypted.plaintext()).isEqualTo(TIP);
            assertThat(decrypted.result())
                    .isEqualTo(new DecryptionResult(true, SignatureStatus.NONE, Optional.empty()));
        }
    }

    @Test
    void signedMessageVerifiesAgainstSignerCertificate() throws Exception {
        byte[] message = TestKeys.encrypt(TIP, TestKeys.signedTo(TestKeys.sender(), TestKeys.bridge()));
        DecryptOptions options = new DecryptOptions(
                TestKeys.bridge().key(), List.of(TestKeys.sender().certificate()), fp -> Optional.empty(), MAX);

        TestKeys.Decrypted decrypted = TestKeys.decrypt(message, options);

        assertThat(decrypted.plaintext()).isEqualTo(TIP);
        assertThat(decrypted.result().signature()).isEqualTo(SignatureStatus.VERIFIED);
        assertThat(decrypted.result().signer())
                .contains(TestKeys.sender().certificate().fingerprint());
    }

    @Test
    void armoredAndCompressedRoundTrip() throws Exception {
        EncryptOptions options =
                new EncryptOptions(List.of(TestKeys.bridge().certificate()), Optional.empty(), true, true);
        byte[] message = TestKeys.encrypt(TIP, options);

        assertThat(new String(message, UTF_8)).startsWith("-----BEGIN PGP MESSAGE-----");
        assertThat(TestKeys.decrypt(
                                message, DecryptOptions.with(TestKeys.bridge().key(), MAX))
                        .plaintext())
                .isEqualTo(TIP);
    }

    @Test
    void closeDoesNotCloseSink() throws Exception {
        CloseRecorder sink = new CloseRecorder();
        OutputStream out =
                PGP.encrypt(sink, EncryptOptions.to(List.of(TestKeys.bridge().certificate())));
        out.write(TIP);
        out.close();

        assertThat(sink.closed).isFalse();
        sink.write('x'); // still usable
        assertThat(sink.size()).isGreaterThan(TIP.length);
    }

    @Test
    void encryptedMessageUsesSeipdV1AndAes256() throws Exception {
        byte[] message = TestKeys.encrypt(
                TIP, EncryptOptions.to(List.of(TestKeys.bridge().certificate())));
        List<String> packets = PacketDump.of(message);

        assertThat(packets).anyMatch(p -> p.contains("SymmetricEncIntegrityPacket") && p.contains("version=1"));
        assertThat(packets).noneMatch(p -> p.contains("version=2") && p.contains("SymmetricEncIntegrityPacket"));
        assertThat(PacketDump.symmetricAlgorithm(message, TestKeys.bridge().key()))
                .isEqualTo(9); // AES-256
    }

    private static final class CloseRecorder extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
