// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

/** An analyst's reply, or the automatic acknowledgement of a tip. */
public enum OutboxKind {
    REPLY("reply"),
    ACKNOWLEDGEMENT("ack");

    private final String wireName;

    OutboxKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static OutboxKind fromWireName(String name) {
        for (OutboxKind k : values()) {
            if (k.wireName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown outbox kind");
    }
}
