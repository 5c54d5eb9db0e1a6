// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.api.OpenPGPPolicy;

/** Decides whether a cryptographically correct document signature is also acceptable. */
final class SignatureJudgement {
    /** How far in the future a signature may be dated: senders' clocks are often a little fast. */
    static final Duration ALLOWED_CLOCK_SKEW = Duration.ofHours(1);

    private final OpenPGPPolicy policy;

    SignatureJudgement(OpenPGPPolicy policy) {
        this.policy = policy;
    }

    /** True when the signature is a document signature, not dated beyond the skew, with an accepted hash, by a signing key. */
    boolean acceptable(PGPSignature signature, SignerDirectory.Signer signer, Instant now) {
        int type = signature.getSignatureType();
        if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            return false;
        }
        Date created = signature.getCreationTime();
        if (created.toInstant().isAfter(now.plus(ALLOWED_CLOCK_SKEW))) {
            return false;
        }
        if (!policy.isAcceptableDocumentSignatureHashAlgorithm(signature.getHashAlgorithm(), created)) {
            return false;
        }
        Date checkedAt = created.toInstant().isAfter(now) ? Date.from(now) : created;
        return signer.key().isSigningKey(checkedAt);
    }
}
