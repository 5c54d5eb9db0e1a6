// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.time.Duration;
import java.util.Optional;

/**
 * How long tipbridge keeps what it holds ({@code [retention]}); an empty period means "never by
 * this rule". {@code closed}: a closed record is deleted this long after it was closed.
 * {@code untouched}: a record no analyst acted on (status, tag, assignment, note; not a hold) for this
 * long is deleted, whatever its status. {@code handleIdle}: a handle's mapping (lookup hash, sealed
 * reply address, source key) is destroyed when its sender was not seen for this long; it is also
 * destroyed as soon as all its records are gone. {@code quarantine}: a quarantine entry or a spool
 * item set aside is deleted this long after it arrived. {@code warnBefore}: records expiring within
 * this time are pointed out by {@code status} and {@code queue list}. {@code runEvery}: how often
 * the daemon applies the policy. A legal hold ({@code queue keep}) overrides every rule until its
 * date.
 */
public record RetentionConfig(
        Optional<Duration> closed,
        Optional<Duration> untouched,
        Optional<Duration> handleIdle,
        Optional<Duration> quarantine,
        Duration warnBefore,
        Duration runEvery) {}
