// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.util.List;
import java.util.Optional;

/** The status of one signature and who made it; several combine into the message's status. */
record SignatureOutcome(SignatureStatus status, Optional<Fingerprint> signer) {
    static final SignatureOutcome NONE = new SignatureOutcome(SignatureStatus.NONE, Optional.empty());

    /** BAD beats VERIFIED beats UNVERIFIED beats NONE: one bad signature makes the message's signature bad. */
    static SignatureOutcome combine(List<SignatureOutcome> outcomes) {
        SignatureOutcome best = NONE;
        for (SignatureOutcome outcome : outcomes) {
            if (rank(outcome.status()) > rank(best.status())) {
                best = outcome;
            }
        }
        return best;
    }

    private static int rank(SignatureStatus status) {
        switch (status) {
            case BAD:
                return 3;
            case VERIFIED:
                return 2;
            case UNVERIFIED:
                return 1;
            default:
                return 0;
        }
    }
}
