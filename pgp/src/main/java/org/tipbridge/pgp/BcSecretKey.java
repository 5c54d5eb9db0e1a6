// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.api.OpenPGPKey;

/**
 * A {@link SecretKey} held as an unprotected Bouncy Castle key in memory, plus its extracted
 * private keys for decryption. Bouncy Castle keys are immutable, so destroy() drops the references.
 */
final class BcSecretKey implements SecretKey {
    private final Certificate certificate;
    private volatile OpenPGPKey unlocked;
    private volatile List<PGPPrivateKey> privateKeys;

    BcSecretKey(OpenPGPKey unlocked, List<PGPPrivateKey> privateKeys) {
        this.unlocked = unlocked;
        this.privateKeys = Collections.unmodifiableList(new ArrayList<>(privateKeys));
        this.certificate = new BcCertificate(unlocked.toCertificate());
    }

    static BcSecretKey of(SecretKey key) {
        if (key instanceof BcSecretKey) {
            return (BcSecretKey) key;
        }
        throw new IllegalArgumentException("secret key was not made by this module");
    }

    /** The unprotected key, for Bouncy Castle's signing generators. */
    OpenPGPKey openPgp() {
        OpenPGPKey key = unlocked;
        if (key == null) {
            throw new IllegalStateException("secret key was destroyed");
        }
        return key;
    }

    /** The private (sub)keys matching {@code id}, every one of them when {@code id} is the wildcard. */
    List<PGPPrivateKey> privateKeysFor(KeyIdentifier id) {
        List<PGPPrivateKey> keys = privateKeys;
        if (keys == null) {
            throw new IllegalStateException("secret key was destroyed");
        }
        List<PGPPrivateKey> matching = new ArrayList<>();
        for (PGPPrivateKey key : keys) {
            if (id.isWildcard() || id.matches(new KeyIdentifier(key.getKeyID()))) {
                matching.add(key);
            }
        }
        return matching;
    }

    @Override
    public Certificate certificate() {
        return certificate;
    }

    @Override
    public void destroy() {
        unlocked = null;
        privateKeys = null;
    }

    @Override
    public String toString() {
        return "SecretKey[" + certificate.fingerprint() + "]";
    }
}
