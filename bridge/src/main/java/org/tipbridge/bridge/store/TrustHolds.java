// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.util.List;

/**
 * Reason codes of Signal entries held ({@code needs-decision}) because the source's identity key
 * is not trusted; {@code tipbridge signal trust HANDLE} releases exactly these.
 */
public final class TrustHolds {
    /** signal-cli refused the send: the source's safety number changed since it was last trusted. */
    public static final String SAFETY_NUMBER_CHANGED = "safety-number-changed";
    /**
     * An unverified decision was not applied: signal-cli first saw a key of the source after the
     * analyst decided (the key changed again, possibly because someone else took over the account).
     */
    public static final String SAFETY_NUMBER_CHANGED_AGAIN = "safety-number-changed-again";
    /** signal-cli refused to trust with the safety number an analyst gave: it is not the source's. */
    public static final String SAFETY_NUMBER_MISMATCH = "safety-number-mismatch";
    /** signal-cli refused to trust the source's known keys (without a safety number). */
    public static final String TRUST_REFUSED = "trust-refused";
    /** signal-cli cannot trust at all (a JSON-RPC protocol error such as method not found): too old. */
    public static final String TRUST_UNSUPPORTED = "trust-unsupported";
    /** An unverified decision dated more than the allowed skew ahead of the daemon's clock. */
    public static final String DECISION_TIME_AHEAD = "decision-time-ahead";

    static final List<String> ALL = List.of(
            SAFETY_NUMBER_CHANGED,
            SAFETY_NUMBER_CHANGED_AGAIN,
            SAFETY_NUMBER_MISMATCH,
            TRUST_REFUSED,
            TRUST_UNSUPPORTED,
            DECISION_TIME_AHEAD);

    private TrustHolds() {}
}
