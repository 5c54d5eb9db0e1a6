// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.security.GeneralSecurityException;
import org.bouncycastle.bcpg.AEADEncDataPacket;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.InputStreamPacket;
import org.bouncycastle.bcpg.PublicKeyEncSessionPacket;
import org.bouncycastle.bcpg.SymmetricEncIntegrityPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSessionKey;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.PGPDataDecryptor;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.PublicKeyDataDecryptorFactory;

/**
 * Bouncy Castle's JCA session-key decryptor, except that SEIPDv1 content is deciphered in bulk
 * ({@link BulkCipherInputStream}, {@link CfbDecipher}: CFB with a zero IV, as Bouncy Castle does,
 * on the JDK's AES) and the MDC is hashed with the JDK's SHA-1. Ciphers the JDK lacks, AEAD and v2 packets are left
 * to Bouncy Castle.
 */
final class BulkDecryptorFactory implements PublicKeyDataDecryptorFactory {
    private final PublicKeyDataDecryptorFactory delegate;
    private final String contentProvider;

    BulkDecryptorFactory(PublicKeyDataDecryptorFactory delegate, String contentProvider) {
        this.delegate = delegate;
        this.contentProvider = contentProvider;
    }

    @Override
    public PGPDataDecryptor createDataDecryptor(boolean withIntegrityPacket, int encAlgorithm, byte[] key)
            throws PGPException {
        String name = withIntegrityPacket ? PGPUtil.getSymmetricCipherName(encAlgorithm) : null;
        CfbDecipher decipher = name == null ? null : decipher(name, key);
        if (decipher == null) {
            return delegate.createDataDecryptor(withIntegrityPacket, encAlgorithm, key);
        }
        return new Decryptor(decipher, JdkDigests.calculator(HashAlgorithmTags.SHA1));
    }

    private CfbDecipher decipher(String name, byte[] key) {
        try {
            return CfbDecipher.create(name, key, contentProvider, BulkCipherInputStream.CHUNK);
        } catch (GeneralSecurityException | RuntimeException e) {
            return null; // not in the JDK (Twofish, Camellia, ...) or a bad key: Bouncy Castle's way
        }
    }

    @Override
    public PGPDataDecryptor createDataDecryptor(AEADEncDataPacket data, PGPSessionKey sessionKey) throws PGPException {
        return delegate.createDataDecryptor(data, sessionKey);
    }

    @Override
    public PGPDataDecryptor createDataDecryptor(SymmetricEncIntegrityPacket data, PGPSessionKey sessionKey)
            throws PGPException {
        return delegate.createDataDecryptor(data, sessionKey);
    }

    @Override
    public byte[] recoverSessionData(PublicKeyEncSessionPacket packet, InputStreamPacket data) throws PGPException {
        return delegate.recoverSessionData(packet, data);
    }

    @Override
    public byte[] recoverSessionData(int keyAlgorithm, byte[][] secKeyData) throws PGPException {
        return delegate.recoverSessionData(keyAlgorithm, secKeyData);
    }

    @Override
    public byte[] recoverSessionData(int keyAlgorithm, byte[][] secKeyData, int pkeskVersion) throws PGPException {
        return delegate.recoverSessionData(keyAlgorithm, secKeyData, pkeskVersion);
    }

    private static final class Decryptor implements PGPDataDecryptor {
        private final CfbDecipher decipher;
        private final PGPDigestCalculator integrity;

        Decryptor(CfbDecipher decipher, PGPDigestCalculator integrity) {
            this.decipher = decipher;
            this.integrity = integrity;
        }

        @Override
        public java.io.InputStream getInputStream(java.io.InputStream in) {
            return new BulkCipherInputStream(in, decipher);
        }

        @Override
        public int getBlockSize() {
            return decipher.blockSize();
        }

        @Override
        public PGPDigestCalculator getIntegrityCalculator() {
            return integrity;
        }
    }
}
