// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A message that did not become a record: why (a stable reason code) and, when it could be kept,
 * the blob holding the original sealed to the analysts.
 */
public record QuarantineEntry(
        long id, Channel channel, Instant received, String reasonCode, Optional<String> originalBlob, long sizeBytes) {}
