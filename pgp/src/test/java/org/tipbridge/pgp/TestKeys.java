// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Keys generated once per test run (key generation costs a few milliseconds) and small message helpers. */
final class TestKeys {
    static final OpenPgp PGP = OpenPgp.create();
    static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
    static final long MAX = 64L * 1024 * 1024;

    private static GeneratedKey bridge;
    private static GeneratedKey analyst;
    private static GeneratedKey sender;

    private TestKeys() {}

    static synchronized GeneratedKey bridge() {
        return bridge == null ? bridge = generate("tipbridge <tips@localhost>") : bridge;
    }

    static synchronized GeneratedKey analyst() {
        return analyst == null ? analyst = generate("analyst <analyst@localhost>") : analyst;
    }

    static synchronized GeneratedKey sender() {
        return sender == null ? sender = generate("sender <sender@example.org>") : sender;
    }

    private static GeneratedKey generate(String userId) {
        try {
            return PGP.generateKey(userId, PASSPHRASE);
        } catch (PgpException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] encrypt(byte[] plaintext, EncryptOptions options) throws PgpException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = PGP.encrypt(sink, options)) {
            out.write(plaintext);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toByteArray();
    }

    static EncryptOptions signedTo(GeneratedKey signer, GeneratedKey... recipients) {
        List<Certificate> certs = java.util.Arrays.stream(recipients)
                .map(GeneratedKey::certificate)
                .toList();
        return new EncryptOptions(certs, java.util.Optional.of(signer.key()), true, false);
    }

    /** Decrypts fully and returns the plaintext and result; failures come out as thrown exceptions. */
    static Decrypted decrypt(byte[] message, DecryptOptions options) throws PgpException, IOException {
        return decrypt(new ByteArrayInputStream(message), options);
    }

    static Decrypted decrypt(InputStream message, DecryptOptions options) throws PgpException, IOException {
        DecryptingStream in = PGP.decrypt(message, options);
        byte[] plaintext = in.readAllBytes();
        in.close();
        return new Decrypted(plaintext, in.result());
    }

    record Decrypted(byte[] plaintext, DecryptionResult result) {}
}
