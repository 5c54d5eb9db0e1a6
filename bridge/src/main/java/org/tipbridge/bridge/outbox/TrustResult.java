// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

/** What signal-cli did with an analyst's trust decision, before the send it was made for. */
public sealed interface TrustResult {

    /** signal-cli now trusts the source's key: send. */
    record Trusted() implements TrustResult {}

    /**
     * signal-cli refused the decision: as a user error (JSON-RPC -1: the safety number is not the
     * source's, or it does not know the recipient; {@code reason} is the decision's {@link
     * TrustDecision#refusedReason}), or with a protocol error meaning it cannot trust at all
     * ({@code trust-unsupported}). Do not send; the entry waits for a decision with {@code reason}.
     */
    record Refused(String reason) implements TrustResult {}

    /**
     * An unverified decision was not applied: signal-cli first saw a key of the source after the
     * analyst decided, so the analyst never saw it. Do not send; the analyst decides again.
     */
    record KeyNewerThanDecision() implements TrustResult {}

    /**
     * The decision was not acted on (signal-cli unreachable, a timeout, or an error that is not the
     * decision's fault, such as an I/O or internal error): try again later, keeping it.
     */
    record Unanswered(String reason) implements TrustResult {}
}
