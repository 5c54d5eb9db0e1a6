// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.flood.ChannelFloods;
import org.tipbridge.bridge.flood.DiskGuard;
import org.tipbridge.bridge.flood.IntakeGuards;
import org.tipbridge.bridge.intake.mail.OuterSender;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.conf.FloodsConfig;

/**
 * Looks at each message before anything of it is fetched but its outer {@code From} (prefetched
 * for the whole listing): no message is taken while the disk is nearly full, and one over a rate
 * limit is dropped (deleted, nothing stored) or quarantined as {@code rate-limited} without a copy.
 * Quarantined ones are settled in batches: one transaction for their rows, one MOVE.
 */
final class MailGate {
    private static final Logger LOG = LoggerFactory.getLogger(MailGate.class);
    static final int BATCH = 256;
    private final Optional<ChannelFloods> floods;
    private final DiskGuard disk;
    private final List<Message> limited = new ArrayList<>();
    private final List<String> limitedIds = new ArrayList<>();

    MailGate(IntakeGuards guards) {
        this.floods = guards.floods();
        this.disk = guards.disk();
    }

    /** Whether there is room to take another message now. */
    boolean accepting() {
        return disk.accepting();
    }

    /**
     * True when the message is over a rate limit: then it is handed to {@code acks} at once (drop)
     * or held for {@link #settle} (quarantine), and must not be handled further.
     */
    boolean holdBack(Message message, String upstreamId, PendingAcks acks) throws MessagingException {
        if (floods.isEmpty()) {
            return false;
        }
        boolean again = floods.get().limitedBefore(upstreamId);
        if (!again && floods.get().admit(sender(message))) {
            return false;
        }
        if (floods.get().policy() == FloodsConfig.Policy.DROP) {
            acks.durable(message);
            floods.get().count().limited(1);
        } else {
            limited.add(message);
            limitedIds.add(upstreamId);
        }
        return true;
    }

    /** Whether enough limited messages wait that they should be settled now. */
    boolean full() {
        return limited.size() >= BATCH;
    }

    /** Commits the quarantine rows of the limited messages, then moves them to the quarantine folder. */
    void settle(ImapSession session, MessageHandler handler) throws MessagingException {
        if (limited.isEmpty()) {
            return;
        }
        List<Long> entries;
        try {
            entries = handler.rateLimited(List.copyOf(limitedIds));
        } catch (IntakeException.TransientIo e) {
            LOG.warn("rate-limited messages could not be quarantined; they stay in the mailbox", e);
            clear();
            return;
        }
        ChannelFloods channel = floods.orElseThrow();
        List<String> ids = List.copyOf(limitedIds);
        channel.committed(ids);
        session.moveAllToQuarantine(List.copyOf(limited), entries);
        channel.settled(ids);
        channel.count().limited(limited.size());
        clear();
    }

    private void clear() {
        limited.clear();
        limitedIds.clear();
    }

    private static Optional<String> sender(Message message) throws MessagingException {
        String[] from = message.getHeader("From");
        return from == null || from.length == 0 ? Optional.empty() : OuterSender.of(from[0]);
    }
}
