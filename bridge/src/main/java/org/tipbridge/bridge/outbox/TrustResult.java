// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

/** What signal-cli did with an analyst's trust decision, before the send it was made for. */
public sealed interface TrustResult {

    /** signal-cli now trusts the source's key: send. */
    record Trusted() implements TrustResult {}

    /** signal-cli answered with an error (e.g. the safety number is not the source's): do not send. */
    record Refused() implements TrustResult {}

    /** No answer (signal-cli unreachable, a timeout): the decision was not acted on; try again later. */
    record Unanswered(String reason) implements TrustResult {}
}
