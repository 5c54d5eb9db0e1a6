// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tipbridge.pgp.TestKeys.MAX;
import static org.tipbridge.pgp.TestKeys.PGP;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 3156 multipart/signed: the caller passes the canonical (CRLF) signed entity. */
class DetachedSignatureTest {
    private static final byte[] ENTITY =
            "Content-Type: text/plain; charset=utf-8\r\n\r\nReply from the desk \u2013 merci.\r\n".getBytes(UTF_8);

    private static byte[] signature() throws PgpException {
        ByteArrayOutputStream armored = new ByteArrayOutputStream();
        PGP.signDetached(new ByteArrayInputStream(ENTITY), TestKeys.sender().key(), armored);
        return armored.toByteArray();
    }

    private static DetachedVerification verify(byte[] data, DecryptOptions options) throws PgpException {
        return PGP.verifyDetached(new ByteArrayInputStream(data), new ByteArrayInputStream(signature()), options);
    }

    private static DecryptOptions knowing(List<Certificate> verifiers) {
        return new DecryptOptions(TestKeys.bridge().key(), verifiers, fp -> Optional.empty(), MAX);
    }

    @Test
    void detachedSignatureVerifies() throws Exception {
        assertThat(new String(signature(), UTF_8)).startsWith("-----BEGIN PGP SIGNATURE-----");
        assertThat(verify(ENTITY, knowing(List.of(TestKeys.sender().certificate()))))
                .isEqualTo(new DetachedVerification(
                        SignatureStatus.VERIFIED,
                        Optional.of(TestKeys.sender().certificate().fingerprint())));
    }

    @Test
    void detachedSignatureOverChangedDataIsBad() throws Exception {
        byte[] changed = ENTITY.clone();
        changed[changed.length - 3] ^= 0x20;
        assertThat(verify(changed, knowing(List.of(TestKeys.sender().certificate())))
                        .status())
                .isEqualTo(SignatureStatus.BAD);
    }

    @Test
    void detachedSignatureFromUnknownSignerIsUnverified() throws Exception {
        DetachedVerification verification = verify(ENTITY, knowing(List.of()));
        assertThat(verification.status()).isEqualTo(SignatureStatus.UNVERIFIED);
        assertThat(verification.signer())
                .contains(TestKeys.sender().certificate().fingerprint());
    }

    @Test
    void detachedSignatureUsesLateCertificates() throws Exception {
        DecryptOptions options = new DecryptOptions(
                TestKeys.bridge().key(),
                List.of(),
                fp -> Optional.of(TestKeys.sender().certificate()),
                MAX);
        assertThat(verify(ENTITY, options).status()).isEqualTo(SignatureStatus.VERIFIED);
    }
}
