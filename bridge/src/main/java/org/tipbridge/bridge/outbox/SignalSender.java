// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.util.Optional;

/**
 * Sends one text to a Signal source by ACI (applying an analyst's trust decision before it), or to
 * a group. Never throws for a delivery problem: it returns it.
 */
public interface SignalSender {

    /**
     * Sends {@code text} to {@code aci}; {@code expireSeconds}, when present, is the source's
     * disappearing-message timer, set on the conversation first so the reply matches it.
     */
    SendResult send(String aci, String text, Optional<Integer> expireSeconds);

    /**
     * Sends {@code text} to every member of the group {@code groupId} (signal-cli's base64 id):
     * {@link SendResult.Sent} when at least one member got it, else the reason of the first result.
     */
    SendResult sendToGroup(String groupId, String text);

    /** Makes signal-cli trust the key of {@code aci} as {@code decision} says; called only for an analyst's decision. */
    TrustResult trust(String aci, TrustDecision decision);

    /** For a daemon without a Signal channel: every send and every trust waits, visibly. */
    SignalSender NONE = new SignalSender() {
        @Override
        public SendResult send(String aci, String text, Optional<Integer> expireSeconds) {
            return new SendResult.Temporary("signal-not-configured");
        }

        @Override
        public SendResult sendToGroup(String groupId, String text) {
            return new SendResult.Temporary("signal-not-configured");
        }

        @Override
        public TrustResult trust(String aci, TrustDecision decision) {
            return new TrustResult.Unanswered("signal-not-configured");
        }
    };
}
