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
    /** signal-cli refused to trust with the safety number an analyst gave: it is not the source's. */
    public static final String SAFETY_NUMBER_MISMATCH = "safety-number-mismatch";
    /** signal-cli refused to trust the source's known keys (without a safety number). */
    public static final String TRUST_REFUSED = "trust-refused";

    static final List<String> ALL = List.of(SAFETY_NUMBER_CHANGED, SAFETY_NUMBER_MISMATCH, TRUST_REFUSED);

    private TrustHolds() {}
}
