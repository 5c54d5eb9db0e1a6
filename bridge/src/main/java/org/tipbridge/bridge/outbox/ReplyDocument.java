// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.util.Objects;

/**
 * An analyst's reply as it is sealed (JSON inside an OpenPGP message), both to the bridge key and
 * to the analysts. The handle is inside too, so a sealed text moved to another outbox row is
 * refused instead of being sent to the wrong source.
 */
public record ReplyDocument(int version, String handle, String text) {

    public static final int VERSION = 1;

    /** Longest reply text accepted, in UTF-8 bytes. */
    public static final int MAX_TEXT_BYTES = 256 * 1024;

    /**
     * Most bytes an opened (decrypted) reply document can have: JSON escaping makes a control
     * character six bytes, and the version, the handle and the field names need a little more.
     */
    public static final long MAX_SEALED_PLAINTEXT_BYTES = 6L * MAX_TEXT_BYTES + 4096;

    public ReplyDocument {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(text, "text");
    }

    public static ReplyDocument of(String handle, String text) {
        return new ReplyDocument(VERSION, handle, text);
    }

    @Override
    public String toString() {
        return "ReplyDocument[redacted]";
    }
}
