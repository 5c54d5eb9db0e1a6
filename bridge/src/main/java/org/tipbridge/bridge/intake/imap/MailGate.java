// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Looks at each message before anything of it is fetched but the start of its outer {@code From}
 * (at most {@link ImapSession#SENDER_MAX_BYTES}): no message is taken while the disk is nearly
 * full, and one over a rate limit is dropped (deleted, nothing stored) or quarantined as {@code
 * rate-limited} without a copy. A message that has a quarantine row already (committed on an
 * earlier pass that could not move it) is moved again and charged nothing. Quarantined ones are
 * settled in batches: one transaction for their rows, one COPY.
 */
final class MailGate {
    private static final Logger LOG = LoggerFactory.getLogger(MailGate.class);
    static final int BATCH = 256;
    /** How many From fields are fetched in one command (each at most about 1 KiB). */
    static final int SENDER_CHUNK = 128;

    private final Optional<ChannelFloods> floods;
    private final DiskGuard disk;
    private final List<Message> limited = new ArrayList<>();
    private final List<String> limitedIds = new ArrayList<>();
    private int dropped;
    /** The current listing, the next position in it not yet looked at, and the From fields fetched ahead. */
    private List<Message> listing = List.of();

    private int next;
    private final Map<Message, byte[]> fromFields = new HashMap<>();

    MailGate(IntakeGuards guards) {
        this.floods = guards.floods();
        this.disk = guards.disk();
    }

    /** The messages of this pass, in the order they will be looked at. */
    void listed(Message[] messages) {
        listing = Arrays.asList(messages);
        next = 0;
        fromFields.clear();
    }

    /** Whether there is room to take another message now. */
    boolean accepting() {
        return disk.accepting();
    }

    /**
     * True when the message is over a rate limit or was quarantined before: then it is handed to
     * {@code acks} at once (drop) or held for {@link #settle} (quarantine), and must not be handled
     * further.
     */
    boolean holdBack(ImapSession session, Message message, String upstreamId, PendingAcks acks, MessageHandler handler)
            throws MessagingException, IntakeException.TransientIo {
        if (floods.isEmpty()) {
            return false;
        }
        ChannelFloods channel = floods.get();
        if (handler.quarantinedBefore(upstreamId)) {
            hold(message, upstreamId);
            return true;
        }
        if (channel.admit(sender(session, message))) {
            return false;
        }
        if (channel.policy() == FloodsConfig.Policy.DROP) {
            acks.durable(message);
            channel.count().limited(1);
            dropped++;
        } else {
            hold(message, upstreamId);
        }
        return true;
    }

    /** Whether enough limited messages wait that they should be settled now. */
    boolean full() {
        return limited.size() >= BATCH;
    }

    /**
     * Commits the quarantine rows of the limited messages, then moves them to the quarantine
     * folder. Returns how many messages over a limit are now out of the mailbox (dropped ones
     * included, which the caller has just deleted). A failure leaves them in the mailbox, marked
     * failed in {@code retries} so they are retried with growing pauses and do not hold up the
     * messages after them; a failed move is not thrown, as the committed rows make it safe to
     * move them on a later pass.
     */
    int settle(ImapSession session, MessageHandler handler, RetryLedger retries) {
        int out = dropped;
        dropped = 0;
        if (limited.isEmpty()) {
            return out;
        }
        List<String> ids = List.copyOf(limitedIds);
        List<Message> messages = List.copyOf(limited);
        clear();
        List<Long> entries;
        try {
            entries = handler.rateLimited(ids);
        } catch (IntakeException.TransientIo e) {
            ids.forEach(retries::failed);
            LOG.warn("{} rate-limited message(s) could not be quarantined; they stay in the mailbox", ids.size());
            return out;
        }
        try {
            session.moveAllToQuarantine(messages, entries);
        } catch (MessagingException e) {
            ids.forEach(retries::failed);
            LOG.warn(
                    "{} quarantined message(s) could not be moved to the quarantine folder ({});"
                            + " they stay in the mailbox and are moved on a later pass",
                    ids.size(),
                    e.getClass().getSimpleName());
            return out;
        }
        ids.forEach(retries::succeeded);
        floods.orElseThrow().count().limited(messages.size());
        return out + messages.size();
    }

    private void hold(Message message, String upstreamId) {
        limited.add(message);
        limitedIds.add(upstreamId);
    }

    private void clear() {
        limited.clear();
        limitedIds.clear();
    }

    /** The normalised outer sender; empty when there is none, or it is cut off or unusable. */
    private Optional<String> sender(ImapSession session, Message message) throws MessagingException {
        if (!fromFields.containsKey(message)) {
            fetchAhead(session, message);
        }
        byte[] field = fromFields.remove(message);
        if (field == null || field.length > ImapSession.SENDER_MAX_BYTES) {
            return Optional.empty();
        }
        return OuterSender.ofHeaderField(field);
    }

    /** Fetches the From fields of this message and the next ones, {@link #SENDER_CHUNK} at a time. */
    private void fetchAhead(ImapSession session, Message message) throws MessagingException {
        int at = listing.indexOf(message);
        List<Message> chunk = new ArrayList<>();
        if (at < next) {
            chunk.add(message); // not listed, or fetched already and the server sent nothing for it
        } else {
            fromFields.clear();
            for (int i = at; i < Math.min(listing.size(), at + SENDER_CHUNK); i++) {
                if (!listing.get(i).isExpunged()) {
                    chunk.add(listing.get(i));
                }
            }
            next = at + SENDER_CHUNK;
        }
        fromFields.putAll(session.outerFroms(chunk));
    }
}
