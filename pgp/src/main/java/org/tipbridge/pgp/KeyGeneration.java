// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.IOException;
import java.util.Arrays;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.api.OpenPGPImplementation;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.OpenPGPKeyGenerator;
import org.bouncycastle.openpgp.api.SignatureParameters;

/**
 * Generates keys every client can use: v4, legacy Ed25519 primary (certify + sign), legacy X25519
 * encryption subkey, SHA-512 first, AES-256/AES-128, MDC (SEIPDv1) only, no expiry.
 */
final class KeyGeneration {
    private static final int[] HASHES = {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256};
    private static final int[] CIPHERS = {SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_128};
    private static final int[] COMPRESSION = {
        CompressionAlgorithmTags.ZLIB, CompressionAlgorithmTags.ZIP, CompressionAlgorithmTags.UNCOMPRESSED
    };

    private final OpenPGPImplementation implementation;
    private final KeyUnlocking unlocking;

    KeyGeneration(OpenPGPImplementation implementation, KeyUnlocking unlocking) {
        this.implementation = implementation;
        this.unlocking = unlocking;
    }

    GeneratedKey generate(String userId, char[] passphrase) throws PgpException {
        char[] copy = passphrase.clone(); // build(char[]) zeroes the array it is given
        try {
            OpenPGPKey protectedKey = new OpenPGPKeyGenerator(
                            implementation, PublicKeyPacket.VERSION_4, false, new Date())
                    .withPrimaryKey(generator -> generator.generateLegacyEd25519KeyPair(), parameters(p -> null))
                    .addUserId(userId, parameters(p -> selfSignature(p, KeyGeneration::userIdSubpackets)))
                    .addEncryptionSubkey(
                            generator -> generator.generateLegacyX25519KeyPair(),
                            parameters(p -> selfSignature(p, KeyGeneration::encryptionSubpackets)))
                    .build(copy);
            BcSecretKey unlocked = unlocking.unlock(protectedKey, passphrase);
            return new GeneratedKey(unlocked, Armor.of(protectedKey.getEncoded()), unlocked.certificate());
        } catch (PGPException | IOException e) {
            throw Failures.badKey("key generation failed", e);
        } finally {
            Arrays.fill(copy, '\0');
        }
    }

    /** No expiry, SHA-512, and only the subpackets we choose (the defaults add a 5-year expiry). */
    private static SignatureParameters.Callback parameters(UnaryOperator<SignatureParameters> change) {
        return new SignatureParameters.Callback() {
            @Override
            public SignatureParameters apply(SignatureParameters parameters) {
                return change.apply(parameters);
            }
        };
    }

    private static SignatureParameters selfSignature(
            SignatureParameters parameters, org.bouncycastle.openpgp.api.SignatureSubpacketsFunction subpackets) {
        return parameters.setSignatureHashAlgorithm(HashAlgorithmTags.SHA512).setHashedSubpacketsFunction(subpackets);
    }

    private static PGPSignatureSubpacketGenerator userIdSubpackets(PGPSignatureSubpacketGenerator subpackets) {
        clear(subpackets);
        subpackets.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        subpackets.setPreferredHashAlgorithms(false, HASHES);
        subpackets.setPreferredSymmetricAlgorithms(false, CIPHERS);
        subpackets.setPreferredCompressionAlgorithms(false, COMPRESSION);
        subpackets.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
        return subpackets;
    }

    private static PGPSignatureSubpacketGenerator encryptionSubpackets(PGPSignatureSubpacketGenerator subpackets) {
        clear(subpackets);
        subpackets.setKeyFlags(true, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
        return subpackets;
    }

    private static void clear(PGPSignatureSubpacketGenerator subpackets) {
        int[] types = {
            SignatureSubpacketTags.KEY_FLAGS, SignatureSubpacketTags.KEY_EXPIRE_TIME,
            SignatureSubpacketTags.PREFERRED_HASH_ALGS, SignatureSubpacketTags.PREFERRED_SYM_ALGS,
            SignatureSubpacketTags.PREFERRED_COMP_ALGS, SignatureSubpacketTags.PREFERRED_AEAD_ALGORITHMS,
            SignatureSubpacketTags.FEATURES
        };
        for (int type : types) {
            while (subpackets.removePacketsOfType(type)) {
                // remove every instance
            }
        }
    }
}
