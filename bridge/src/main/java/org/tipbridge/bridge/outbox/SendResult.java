// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.time.Duration;
import java.util.Optional;

/**
 * What the SMTP server or signal-cli did with one message. Reasons are short codes without
 * addresses or server text (a server's reply often quotes the recipient), e.g.
 * {@code smtp-unreachable}, {@code smtp-451}, {@code smtp-550}, {@code signal-rate-limit}.
 */
public sealed interface SendResult {

    /** Accepted for delivery. */
    record Sent() implements SendResult {}

    /** Not accepted this time; try again later, not before {@code notBefore} from now when given. */
    record Temporary(String reason, Optional<Duration> notBefore) implements SendResult {
        public Temporary(String reason) {
            this(reason, Optional.empty());
        }
    }

    /** Not sent; an analyst must decide (e.g. the source's safety number changed). */
    record Hold(String reason) implements SendResult {}

    /** Refused for good (a 5xx answer to the recipient or the message); do not try again. */
    record Permanent(String reason) implements SendResult {}
}
