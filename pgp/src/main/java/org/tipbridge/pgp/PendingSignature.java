// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPSignature;

/** One one-pass signature being hashed while the plaintext streams by, judged once its signature packet arrives. */
final class PendingSignature {
    private final PGPOnePassSignature onePass;
    private final DeferredVerifiers verifiers = new DeferredVerifiers();
    private final boolean hashing;

    PendingSignature(PGPOnePassSignature onePass) {
        this.onePass = onePass;
        this.hashing = init(onePass, verifiers);
    }

    private static boolean init(PGPOnePassSignature onePass, DeferredVerifiers verifiers) {
        try {
            onePass.init(verifiers, null);
            return true;
        } catch (PGPException | RuntimeException e) {
            return false; // unsupported hash or algorithm: judged BAD or UNVERIFIED at the end
        }
    }

    KeyIdentifier issuer() {
        return onePass.getKeyIdentifier();
    }

    void update(byte[] data, int offset, int length) {
        if (hashing) {
            onePass.update(data, offset, length);
        }
    }

    SignatureOutcome finish(PGPSignature signature, SignerDirectory directory, SignatureJudgement judgement) {
        KeyIdentifier issuer = SignerDirectory.issuer(signature).orElse(onePass.getKeyIdentifier());
        Optional<SignerDirectory.Signer> signer = directory.find(issuer);
        if (signer.isEmpty()) {
            return new SignatureOutcome(SignatureStatus.UNVERIFIED, Optional.of(SignerDirectory.fingerprintOf(issuer)));
        }
        Optional<Fingerprint> who = Optional.of(signer.get().fingerprint());
        verifiers.bind(signer.get().key().getPGPPublicKey());
        boolean good = hashing && correct(signature) && judgement.acceptable(signature, signer.get(), Instant.now());
        return new SignatureOutcome(good ? SignatureStatus.VERIFIED : SignatureStatus.BAD, who);
    }

    private boolean correct(PGPSignature signature) {
        try {
            return onePass.verify(signature);
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }
}
