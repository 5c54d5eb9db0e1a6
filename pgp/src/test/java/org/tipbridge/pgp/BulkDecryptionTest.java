// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.junit.jupiter.api.Test;

/** The bulk replacements for Bouncy Castle's stream cipher and digests give exactly the same bytes. */
class BulkDecryptionTest {
    @Test
    void bulkCfbMatchesJdkCfbForAnyLengthAndChunking() throws Exception {
        Random random = new Random(11);
        for (String algorithm : new String[] {"AES", "DESede"}) {
            for (int round = 0; round < 80; round++) {
                byte[] key = new byte[algorithm.equals("AES") ? 32 : 24];
                random.nextBytes(key);
                byte[] ciphertext = new byte[round < 40 ? round : random.nextInt(100_000)];
                random.nextBytes(ciphertext);
                byte[] expected = jdkCfbDecrypt(algorithm, key, ciphertext);
                CfbDecipher decipher = CfbDecipher.create(algorithm, key, "SunJCE", BulkCipherInputStream.CHUNK);
                InputStream in = new BulkCipherInputStream(
                        new TrickleInputStream(ciphertext, round, 1 + random.nextInt(70_000)), decipher);
                assertThat(readMixed(in, random))
                        .as("%s, %d bytes", algorithm, ciphertext.length)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void jdkDigestsMatchBouncyCastle() throws Exception {
        byte[] data = new byte[100_000];
        new Random(12).nextBytes(data);
        int[] algorithms = {
            HashAlgorithmTags.SHA1,
            HashAlgorithmTags.SHA224,
            HashAlgorithmTags.SHA256,
            HashAlgorithmTags.SHA384,
            HashAlgorithmTags.SHA512,
            HashAlgorithmTags.SHA3_256,
            HashAlgorithmTags.SHA3_512,
            HashAlgorithmTags.RIPEMD160
        };
        for (int algorithm : algorithms) {
            PGPDigestCalculator ours = JdkDigests.calculator(algorithm);
            PGPDigestCalculator theirs = new BcPGPDigestCalculatorProvider().get(algorithm);
            ours.getOutputStream().write(data, 0, 777);
            ours.getOutputStream().write(data[777]);
            ours.getOutputStream().write(data, 778, data.length - 778);
            theirs.getOutputStream().write(data);
            assertThat(ours.getAlgorithm()).isEqualTo(algorithm);
            assertThat(ours.getDigest()).as("hash algorithm %d", algorithm).isEqualTo(theirs.getDigest());
        }
    }

    private static byte[] jdkCfbDecrypt(String algorithm, byte[] key, byte[] ciphertext) throws Exception {
        Cipher cfb = Cipher.getInstance(algorithm + "/CFB/NoPadding", "SunJCE");
        cfb.init(
                Cipher.DECRYPT_MODE,
                new SecretKeySpec(key, algorithm),
                new IvParameterSpec(new byte[cfb.getBlockSize()]));
        return cfb.doFinal(ciphertext);
    }

    private static byte[] readMixed(InputStream in, Random random) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[100_000];
        while (true) {
            if (random.nextInt(10) == 0) {
                int b = in.read();
                if (b < 0) {
                    return out.toByteArray();
                }
                out.write(b);
            } else {
                int n = in.read(buffer, 0, 1 + random.nextInt(buffer.length));
                if (n < 0) {
                    return out.toByteArray();
                }
                out.write(buffer, 0, n);
            }
        }
    }
}
