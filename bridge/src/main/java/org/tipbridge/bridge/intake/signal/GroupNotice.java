// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.signal;

import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.outbox.SendResult;
import org.tipbridge.bridge.outbox.SignalSender;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.GroupNotices;
import org.tipbridge.signal.SignalEnvelope;

/**
 * Sends {@code [signal] group_notice} to a group at most once ever: the group's keyed hash is
 * stored first, then the notice is sent, and a failed send is logged by reason and not tried again.
 * Sends run on the given executor: in the daemon a single background thread with a short queue, so
 * that groups (anyone can add the number to many) never hold up the drain of 1:1 tips.
 */
public final class GroupNotice implements AutoCloseable {
    /** Notices that may wait for the background thread; more are dropped (logged), being courtesy only. */
    static final int QUEUE = 32;

    private static final Logger LOG = LoggerFactory.getLogger(GroupNotice.class);
    /** The {@link MappingSecrets#dedupeKey} label of a group's key: never the group id in clear. */
    private static final String KEY_LABEL = "group-notice";

    private final Optional<String> text;
    private final SignalSender sender;
    private final GroupNotices answered;
    private final MappingSecrets secrets;
    private final SignalCounters counters;
    private final Executor sends;

    /** Sends on the calling thread; {@code text} empty: groups get no answer. */
    public GroupNotice(
            Optional<String> text,
            SignalSender sender,
            GroupNotices answered,
            MappingSecrets secrets,
            SignalCounters counters) {
        this(text, sender, answered, secrets, counters, Runnable::run);
    }

    GroupNotice(
            Optional<String> text,
            SignalSender sender,
            GroupNotices answered,
            MappingSecrets secrets,
            SignalCounters counters,
            Executor sends) {
        this.text = text;
        this.sender = sender;
        this.answered = answered;
        this.secrets = secrets;
        this.counters = counters;
        this.sends = sends;
    }

    /** Sends on one background thread with a queue of {@link #QUEUE}; {@link #close} stops it. */
    public static GroupNotice inBackground(
            Optional<String> text,
            SignalSender sender,
            GroupNotices answered,
            MappingSecrets secrets,
            SignalCounters counters) {
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "signal-group-notice");
                    t.setDaemon(true);
                    return t;
                });
        return new GroupNotice(text, sender, answered, secrets, counters, executor);
    }

    /**
     * Stops the background thread, giving a notice being sent up to {@code grace}; notices still
     * queued then are not sent, and their groups are forgotten so that a later message tries again.
     */
    public void close(Duration grace) {
        if (!(sends instanceof ExecutorService service)) {
            return;
        }
        service.shutdown();
        try {
            if (!service.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("a Signal group notice was still being sent at stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Runnable unsent : service.shutdownNow()) {
            if (unsent instanceof Notice notice) {
                forget(notice.key());
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }

    /** One queued send: the group's key (to forget it if never sent) and its id. */
    private record Notice(byte[] key, String groupId, GroupNotice owner) implements Runnable {
        @Override
        public void run() {
            owner.sendAndLog(groupId);
        }

        @Override
        public String toString() {
            return "Notice[redacted]";
        }
    }

    /**
     * Answers the group a message came from, unless the notice is off, the group has no usable id,
     * or it was answered (or tried) before. Never throws: the group message is done with either way.
     */
    void answer(SignalEnvelope.Group group) {
        if (text.isEmpty() || group.groupId().isEmpty()) {
            return;
        }
        byte[] key =
                secrets.dedupeKey(Channel.SIGNAL, KEY_LABEL, Base64.getDecoder().decode(group.groupId()));
        if (!rememberedNow(key)) {
            return;
        }
        try {
            sends.execute(new Notice(key, group.groupId(), this));
        } catch (RejectedExecutionException e) {
            forget(key);
            LOG.warn("the Signal group notice was not sent (group-notice-queue-full); the group's next message tries"
                    + " again");
        }
    }

    private void forget(byte[] key) {
        try {
            answered.forget(key);
        } catch (RuntimeException e) {
            LOG.warn(
                    "a Signal group notice could not be forgotten ({})",
                    e.getClass().getSimpleName());
        }
    }

    private void sendAndLog(String groupId) {
        SendResult result = send(groupId);
        if (result instanceof SendResult.Sent) {
            counters.countGroupNotice();
            LOG.info("a Signal group was sent the group notice");
        } else {
            LOG.warn("the Signal group notice was not sent ({}); it is not tried again", reason(result));
        }
    }

    /** True when this call stored the group's key (first time); false if it was there or storing failed. */
    private boolean rememberedNow(byte[] key) {
        try {
            return answered.remember(key);
        } catch (RuntimeException e) {
            // Not stored, so not sent: the group's next message tries again.
            LOG.warn(
                    "the Signal group notice was not sent (group-notice-store-failed, {})",
                    e.getClass().getSimpleName());
            return false;
        }
    }

    private SendResult send(String groupId) {
        try {
            return sender.sendToGroup(groupId, text.get());
        } catch (RuntimeException e) {
            return new SendResult.Temporary("group-notice-send-failed");
        }
    }

    private static String reason(SendResult result) {
        if (result instanceof SendResult.Temporary temporary) {
            return temporary.reason();
        }
        if (result instanceof SendResult.Hold hold) {
            return hold.reason();
        }
        if (result instanceof SendResult.Permanent permanent) {
            return permanent.reason();
        }
        return "sent";
    }
}
