// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.util.Optional;
import java.util.Set;

/**
 * The one check an analyst lifts for one quarantined e-mail when releasing it (decision 28): only
 * reasons where running the pipeline again can make sense are releasable. Limits, malformed input,
 * integrity failures and mail not encrypted to the bridge never are: the same bytes would fail the
 * same way, or the limits protect the server. Automated mail (bounces, auto-replies) never is
 * either: its sender is a mailer, its body may quote a source's address, and a release would make a
 * handle for the mailer and queue an acknowledgement to it.
 */
public record ReleaseOverride(QuarantineReason reason) {

    /** The reasons an e-mail can be released from. */
    public static final Set<QuarantineReason> RELEASABLE = Set.of(
            QuarantineReason.PLAINTEXT_REFUSED, QuarantineReason.RATE_LIMITED, QuarantineReason.PROCESSING_FAILED);

    public ReleaseOverride {
        if (!RELEASABLE.contains(reason)) {
            throw new IllegalArgumentException("not a releasable reason: " + reason.code());
        }
    }

    /** The override for a stored reason code, when that reason is releasable. */
    public static Optional<ReleaseOverride> forCode(String code) {
        for (QuarantineReason reason : RELEASABLE) {
            if (reason.code().equals(code)) {
                return Optional.of(new ReleaseOverride(reason));
            }
        }
        return Optional.empty();
    }

    /** This message may be a tip although nothing in it was encrypted. */
    public boolean acceptsPlaintext() {
        return reason == QuarantineReason.PLAINTEXT_REFUSED;
    }
}
