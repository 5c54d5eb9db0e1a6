// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.util.Optional;

/** Sends one text to a Signal source by ACI. Never throws for a delivery problem: it returns it. */
public interface SignalSender {

    /**
     * Sends {@code text} to {@code aci}; {@code expireSeconds}, when present, is the source's
     * disappearing-message timer, set on the conversation first so the reply matches it.
     */
    SendResult send(String aci, String text, Optional<Integer> expireSeconds);

    /** For a daemon without a Signal channel: every send waits, visibly. */
    SignalSender NONE = (aci, text, expireSeconds) -> new SendResult.Temporary("signal-not-configured");
}
