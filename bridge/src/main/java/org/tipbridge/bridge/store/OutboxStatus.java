// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

/** Where an outgoing message stands; {@link #wireName()} is what the database and the CLI show. */
public enum OutboxStatus {
    /** Waiting for the outbox job (possibly until a retry time). */
    QUEUED("queued"),
    /** Handed to the SMTP server right now; after a crash it is queued again. */
    SENDING("sending"),
    /** Accepted by the SMTP server. */
    SENT("sent"),
    /** Given up: the reason says why; an analyst may retry it. */
    FAILED("failed"),
    /** Held until an analyst decides (e.g. no key of the source is known). */
    NEEDS_DECISION("needs-decision"),
    /** Withdrawn by an analyst before it was sent. */
    CANCELLED("cancelled");

    private final String wireName;

    OutboxStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static OutboxStatus fromWireName(String name) {
        for (OutboxStatus s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown outbox status");
    }
}
