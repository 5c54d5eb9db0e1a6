// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.Optional;

/**
 * One outgoing message as the store keeps it in clear: no text and no address. {@code afterRecord}
 * is the newest record of the handle when it was queued (0 if none), which places it in the
 * conversation. {@code lastError} is a reason code such as {@code smtp-unreachable}. Times are coarse,
 * except {@code nextAttempt}: the exact retry time while queued after a failure, else the epoch.
 * {@code effortStarted} is when the current delivery effort began (the give-up time counts from it).
 */
public record OutboxEntry(
        long id,
        String handle,
        Channel channel,
        OutboxKind kind,
        OutboxStatus status,
        int attempts,
        Optional<String> lastError,
        boolean allowPlaintext,
        long afterRecord,
        Instant created,
        Instant updated,
        Instant nextAttempt,
        Instant effortStarted) {}
