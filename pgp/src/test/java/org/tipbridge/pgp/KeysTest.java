// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tipbridge.pgp.TestKeys.MAX;
import static org.tipbridge.pgp.TestKeys.PGP;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysTest {
    @Test
    void generatedKeyHasV4FingerprintUserIdAndEncryptionSubkey() {
        Certificate certificate = TestKeys.bridge().certificate();
        assertThat(certificate.fingerprint().hex()).hasSize(40);
        assertThat(certificate.userIds()).containsExactly("tipbridge <tips@localhost>");
        assertThat(certificate.canEncrypt()).isTrue();
        assertThat(certificate.armored()).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
        assertThat(TestKeys.bridge().armoredProtectedSecret()).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
    }

    @Test
    void protectedSecretReadsBackWithItsPassphraseAndDecrypts() throws Exception {
        SecretKey reread = PGP.readSecretKey(secretStream(), TestKeys.PASSPHRASE);
        byte[] message = TestKeys.encrypt(
                new byte[] {1, 2, 3},
                EncryptOptions.to(List.of(TestKeys.bridge().certificate())));

        assertThat(reread.certificate().fingerprint())
                .isEqualTo(TestKeys.bridge().certificate().fingerprint());
        assertThat(TestKeys.decrypt(message, DecryptOptions.with(reread, MAX)).plaintext())
                .containsExactly(1, 2, 3);
    }

    @Test
    void wrongPassphraseIsBadKey() {
        assertThatThrownBy(() -> PGP.readSecretKey(secretStream(), "wrong".toCharArray()))
                .isInstanceOf(PgpException.BadKey.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain("tips@localhost")
                        .doesNotContain("tipbridge"));
    }

    @Test
    void callersPassphraseIsNeverZeroed() throws Exception {
        char[] passphrase = "do not wipe me".toCharArray();
        GeneratedKey key = PGP.generateKey("someone <someone@localhost>", passphrase);
        assertThat(new String(passphrase)).isEqualTo("do not wipe me");
        PGP.readSecretKey(new ByteArrayInputStream(key.armoredProtectedSecret().getBytes(US_ASCII)), passphrase);
        assertThat(new String(passphrase)).isEqualTo("do not wipe me");
    }

    @Test
    void secretKeyYieldsItsPublicCertificate() throws Exception {
        List<Certificate> certificates = PGP.readCertificates(secretStream());
        assertThat(certificates).hasSize(1);
        assertThat(certificates.get(0).fingerprint())
                .isEqualTo(TestKeys.bridge().certificate().fingerprint());
        assertThat(certificates.get(0).encoded())
                .isEqualTo(TestKeys.bridge().certificate().encoded());
    }

    @Test
    void readsBinaryAndMultiCertificateKeyrings() throws Exception {
        byte[] ring = concat(
                TestKeys.bridge().certificate().encoded(),
                TestKeys.analyst().certificate().encoded());
        List<Certificate> certificates = PGP.readCertificates(new ByteArrayInputStream(ring));
        assertThat(certificates)
                .extracting(Certificate::fingerprint)
                .containsExactly(
                        TestKeys.bridge().certificate().fingerprint(),
                        TestKeys.analyst().certificate().fingerprint());
    }

    @Test
    void destroyedKeyCannotBeUsed() throws Exception {
        SecretKey key = PGP.readSecretKey(secretStream(), TestKeys.PASSPHRASE);
        key.destroy();
        byte[] message = TestKeys.encrypt(
                new byte[] {1}, EncryptOptions.to(List.of(TestKeys.bridge().certificate())));
        assertThatThrownBy(() -> PGP.decrypt(new ByteArrayInputStream(message), DecryptOptions.with(key, MAX)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void fingerprintAcceptsKeyIdsAndV4AndV6Lengths() {
        assertThat(new Fingerprint("0123456789abcdef").hex()).isEqualTo("0123456789ABCDEF");
        assertThat(new Fingerprint("a".repeat(40)).hex()).hasSize(40);
        assertThat(new Fingerprint("b".repeat(64)).hex()).hasSize(64);
        assertThatThrownBy(() -> new Fingerprint("abc")).isInstanceOf(IllegalArgumentException.class);
    }

    private static ByteArrayInputStream secretStream() {
        return new ByteArrayInputStream(
                TestKeys.bridge().armoredProtectedSecret().getBytes(US_ASCII));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
