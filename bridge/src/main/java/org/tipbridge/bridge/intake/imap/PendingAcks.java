// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import jakarta.mail.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages of one drain on their way to deletion: {@code prepared} ones wait for the pipeline's
 * batch commit, {@code durable} ones (committed, duplicates) may be deleted now. A prepared message
 * becomes durable only through {@link #committed()}, i.e. after the commit returned.
 */
final class PendingAcks {
    static final int BATCH = 32;
    private final List<Message> durable = new ArrayList<>();
    private final List<Message> prepared = new ArrayList<>();
    private final List<String> preparedIds = new ArrayList<>();

    void durable(Message message) {
        durable.add(message);
    }

    void prepared(Message message, String upstreamId) {
        prepared.add(message);
        preparedIds.add(upstreamId);
    }

    boolean full() {
        return durable.size() + prepared.size() >= BATCH;
    }

    boolean hasPrepared() {
        return !prepared.isEmpty();
    }

    /** The batch commit succeeded: the prepared messages may be deleted too. */
    void committed() {
        durable.addAll(prepared);
        prepared.clear();
        preparedIds.clear();
    }

    /** The batch commit failed: the prepared messages stay in the mailbox; returns their ids. */
    List<String> failed() {
        List<String> ids = List.copyOf(preparedIds);
        prepared.clear();
        preparedIds.clear();
        return ids;
    }

    /** Takes the messages that may be deleted now. */
    List<Message> takeDurable() {
        List<Message> out = List.copyOf(durable);
        durable.clear();
        return out;
    }
}
