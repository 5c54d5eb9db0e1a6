// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.util.Objects;

/** Checks of the dedupe keys the store is handed: keyed hashes, 16 to 64 bytes. */
final class DedupeKeys {

    private DedupeKeys() {}

    /** A private copy of {@code key}, after checking that it looks like a keyed hash. */
    static byte[] checked(byte[] key) {
        Objects.requireNonNull(key, "dedupeKey");
        if (key.length < 16 || key.length > 64) {
            throw new IllegalArgumentException("dedupe key must be 16 to 64 bytes");
        }
        return key.clone();
    }
}
