// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.signal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spool items of one drain pass that were over a rate limit with policy quarantine: their
 * {@code rate-limited} rows are committed together, and only then are the items deleted. Not
 * thread-safe (the pipeline drains under its lock).
 */
final class LimitedBatch {
    private final Map<String, byte[]> keys = new LinkedHashMap<>();

    void add(String spoolId, byte[] dedupeKey) {
        keys.put(spoolId, dedupeKey);
    }

    boolean holds(String spoolId) {
        return keys.containsKey(spoolId);
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    List<String> spoolIds() {
        return new ArrayList<>(keys.keySet());
    }

    List<byte[]> dedupeKeys() {
        return new ArrayList<>(keys.values());
    }

    void clear() {
        keys.clear();
    }
}
