// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.bcpg.S2K;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.api.OpenPGPImplementation;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;

/** Turns a passphrase-protected secret key into an unlocked {@link BcSecretKey}; the caller's passphrase is never zeroed. */
final class KeyUnlocking {
    private final OpenPGPImplementation implementation;

    KeyUnlocking(OpenPGPImplementation implementation) {
        this.implementation = implementation;
    }

    BcSecretKey unlock(OpenPGPKey key, char[] passphrase) throws PgpException {
        char[] copy = passphrase.clone(); // Bouncy Castle zeroes arrays it is given
        try {
            PBESecretKeyDecryptor decryptor = implementation
                    .pbeSecretKeyDecryptorBuilderProvider()
                    .provide()
                    .build(copy.clone());
            List<PGPSecretKey> secrets = new ArrayList<>();
            List<PGPPrivateKey> privateKeys = new ArrayList<>();
            for (PGPSecretKey secret : key.getPGPSecretKeyRing()) {
                if (isStub(secret)) {
                    secrets.add(secret);
                    continue;
                }
                privateKeys.add(extract(secret, decryptor));
                secrets.add(unprotected(secret, decryptor));
            }
            if (privateKeys.isEmpty()) {
                throw Failures.badKey("secret key holds no usable private key", null);
            }
            return new BcSecretKey(new OpenPGPKey(new PGPSecretKeyRing(secrets), implementation), privateKeys);
        } catch (PGPException e) {
            throw Failures.badKey("secret key cannot be unlocked", e);
        } finally {
            Arrays.fill(copy, '\0');
        }
    }

    private static boolean isStub(PGPSecretKey secret) {
        S2K s2k = secret.getS2K();
        return secret.isPrivateKeyEmpty() || (s2k != null && s2k.getType() == S2K.GNU_DUMMY_S2K);
    }

    private static PGPPrivateKey extract(PGPSecretKey secret, PBESecretKeyDecryptor decryptor) throws PgpException {
        try {
            return secret.extractPrivateKey(decryptor);
        } catch (PGPException | RuntimeException e) {
            throw Failures.badKey("wrong passphrase or damaged secret key", e);
        }
    }

    private static PGPSecretKey unprotected(PGPSecretKey secret, PBESecretKeyDecryptor decryptor) throws PGPException {
        return PGPSecretKey.copyWithNewPassword(secret, decryptor, null);
    }
}
