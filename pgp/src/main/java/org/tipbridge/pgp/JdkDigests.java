// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * Digest calculators for hashing signed data: the JDK's own provider ("SUN") where it has the
 * algorithm (its SHA-1 and SHA-2 use the CPU's SHA instructions; Bouncy Castle's pure-Java SHA-512
 * runs at a fraction of that speed), Bouncy Castle's for the rest (RIPEMD-160, ...).
 */
final class JdkDigests {
    private static final String JDK_PROVIDER = "SUN";
    private static final Map<Integer, String> NAMES = Map.of(
            HashAlgorithmTags.SHA1, "SHA-1",
            HashAlgorithmTags.SHA224, "SHA-224",
            HashAlgorithmTags.SHA256, "SHA-256",
            HashAlgorithmTags.SHA384, "SHA-384",
            HashAlgorithmTags.SHA512, "SHA-512",
            HashAlgorithmTags.SHA3_256, "SHA3-256",
            HashAlgorithmTags.SHA3_512, "SHA3-512");

    private JdkDigests() {}

    /** A fresh calculator for the OpenPGP hash algorithm id; PGPException if no provider has it. */
    static PGPDigestCalculator calculator(int hashAlgorithm) throws PGPException {
        String name = NAMES.get(hashAlgorithm);
        if (name != null) {
            try {
                return new Calculator(hashAlgorithm, MessageDigest.getInstance(name, JDK_PROVIDER));
            } catch (GeneralSecurityException e) {
                // not in this JDK: Bouncy Castle's below
            }
        }
        return new BcPGPDigestCalculatorProvider().get(hashAlgorithm);
    }

    private static final class Calculator implements PGPDigestCalculator {
        private final int algorithm;
        private final MessageDigest digest;
        private final OutputStream stream;

        Calculator(int algorithm, MessageDigest digest) {
            this.algorithm = algorithm;
            this.digest = digest;
            this.stream = new OutputStream() {
                @Override
                public void write(int b) {
                    digest.update((byte) b);
                }

                @Override
                public void write(byte[] data, int offset, int length) {
                    digest.update(data, offset, length);
                }
            };
        }

        @Override
        public int getAlgorithm() {
            return algorithm;
        }

        @Override
        public OutputStream getOutputStream() {
            return stream;
        }

        @Override
        public byte[] getDigest() {
            return digest.digest();
        }

        @Override
        public void reset() {
            digest.reset();
        }
    }
}
