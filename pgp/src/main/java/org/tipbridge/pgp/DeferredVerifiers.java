// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.OutputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.PGPContentVerifier;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilder;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;

/**
 * Content verifiers that hash while the data streams by and take the signer's key only at the
 * end, so a certificate found inside the message (or anywhere else) can still verify it. The data
 * is hashed with the JDK's digests ({@link JdkDigests}); the signature is checked by {@link PrehashedSignature}.
 */
final class DeferredVerifiers implements PGPContentVerifierBuilderProvider {
    private PGPPublicKey key;

    @Override
    public PGPContentVerifierBuilder get(int keyAlgorithm, int hashAlgorithm) {
        return ignoredKey -> new Verifier(keyAlgorithm, hashAlgorithm, JdkDigests.calculator(hashAlgorithm));
    }

    /** Supplies the signer's key to every verifier this provider built; call before the signature is checked. */
    void bind(PGPPublicKey signerKey) {
        this.key = signerKey;
    }

    private final class Verifier implements PGPContentVerifier {
        private final int keyAlgorithm;
        private final int hashAlgorithm;
        private final PGPDigestCalculator digest;

        Verifier(int keyAlgorithm, int hashAlgorithm, PGPDigestCalculator digest) {
            this.keyAlgorithm = keyAlgorithm;
            this.hashAlgorithm = hashAlgorithm;
            this.digest = digest;
        }

        @Override
        public OutputStream getOutputStream() {
            return digest.getOutputStream();
        }

        @Override
        public int getHashAlgorithm() {
            return hashAlgorithm;
        }

        @Override
        public int getKeyAlgorithm() {
            return keyAlgorithm;
        }

        @Override
        public long getKeyID() {
            return key == null ? 0L : key.getKeyID();
        }

        @Override
        public boolean verify(byte[] expected) {
            if (key == null || key.getAlgorithm() != keyAlgorithm) {
                return false;
            }
            try {
                return PrehashedSignature.verify(key, hashAlgorithm, digest.getDigest(), expected);
            } catch (PGPException | RuntimeException e) {
                return false;
            }
        }
    }
}
