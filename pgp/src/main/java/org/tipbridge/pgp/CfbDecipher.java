// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Full-block CFB decryption with a zero IV (what SEIPDv1 uses, the JDK's {@code CFB/NoPadding}),
 * computed in bulk: each plaintext block is its ciphertext block XOR the encryption of the
 * previous ciphertext block, so a whole chunk's key stream is one ECB call over the shifted
 * ciphertext. The JDK's CFB loops block by block in Java (about 250 MB/s here); its ECB runs
 * AES-NI over the chunk (over 1 GB/s).
 */
final class CfbDecipher {
    private final Cipher ecb;
    private final int blockSize;
    private final byte[] feedback;
    private final byte[] shifted;
    private final byte[] keyStream;

    private CfbDecipher(Cipher ecb, int maxChunk) {
        this.ecb = ecb;
        this.blockSize = ecb.getBlockSize();
        this.feedback = new byte[blockSize];
        this.shifted = new byte[maxChunk];
        this.keyStream = new byte[maxChunk + blockSize];
    }

    /** A decipher for chunks of up to {@code maxChunk} bytes; throws if {@code provider} lacks the cipher. */
    static CfbDecipher create(String cipherName, byte[] key, String provider, int maxChunk)
            throws GeneralSecurityException {
        Cipher ecb = Cipher.getInstance(cipherName + "/ECB/NoPadding", provider);
        ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, cipherName));
        return new CfbDecipher(ecb, maxChunk);
    }

    int blockSize() {
        return blockSize;
    }

    /** Deciphers {@code in[0, length)}, a whole number of blocks, into {@code out}. */
    void update(byte[] in, int length, byte[] out) throws ShortBufferException {
        if (length == 0) {
            return;
        }
        System.arraycopy(feedback, 0, shifted, 0, blockSize);
        System.arraycopy(in, 0, shifted, blockSize, length - blockSize);
        ecb.update(shifted, 0, length, keyStream, 0);
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (in[i] ^ keyStream[i]);
        }
        System.arraycopy(in, length - blockSize, feedback, 0, blockSize);
    }

    /** Deciphers the final partial block {@code in[0, length)}, {@code length < blockSize}. */
    void finish(byte[] in, int length, byte[] out) throws ShortBufferException {
        if (length == 0) {
            return;
        }
        ecb.update(feedback, 0, blockSize, keyStream, 0);
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (in[i] ^ keyStream[i]);
        }
    }
}
