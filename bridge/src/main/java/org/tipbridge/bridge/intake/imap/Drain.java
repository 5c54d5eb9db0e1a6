// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.Outcome;
import org.tipbridge.bridge.pipeline.RedactedCopy;

/**
 * One pass over the folder. Small messages are fetched whole (bounded: at most {@link #WINDOW} of
 * at most {@link #PARALLEL_MAX_BYTES} each) and handled on the worker threads, so both cores
 * work; large ones are streamed on this thread. Outcomes are taken in mailbox order, every
 * handling started is finished before a batch is committed, and a message is deleted only after
 * the commit that made its record durable.
 */
final class Drain {
    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);
    static final int PARALLEL_MAX_BYTES = 1024 * 1024;
    static final int WINDOW = 8;
    private final ImapSession session;
    private final MessageHandler handler;
    private final long maxBytes;
    private final RetryLedger retries;
    private final ExecutorService workers;
    private final MailGate gate;
    private final PendingAcks acks = new PendingAcks();
    private final Deque<InFlight> window = new ArrayDeque<>();
    private boolean flushSoon;
    private int handled;

    Drain(
            ImapSession session,
            MessageHandler handler,
            long maxBytes,
            RetryLedger retries,
            ExecutorService workers,
            MailGate gate) {
        this.session = session;
        this.handler = handler;
        this.maxBytes = maxBytes;
        this.retries = retries;
        this.workers = workers;
        this.gate = gate;
    }

    private record InFlight(Message message, String upstreamId, byte[] raw, Future<Outcome> outcome) {}

    /** Something that yields a message's outcome. */
    private interface Work {
        Outcome run() throws IntakeException.TransientIo, MessagingException;
    }

    int run(Message[] messages, long validity, BooleanSupplier running) throws MessagingException {
        try {
            loop(messages, validity, running);
        } catch (MessagingException | RuntimeException | Error e) {
            settleAfter(e);
            throw e;
        }
        settle();
        return handled;
    }

    private void loop(Message[] messages, long validity, BooleanSupplier running) throws MessagingException {
        for (Message message : messages) {
            if (!running.getAsBoolean() || !gate.accepting()) {
                break;
            }
            if (message.isExpunged()) {
                continue;
            }
            if (message.isSet(Flags.Flag.DELETED)) {
                acks.durable(message);
            } else {
                start(message, validity + "/" + session.uid(message));
            }
            if (acks.full() || flushSoon || gate.full()) {
                settle();
            }
        }
    }

    /** After a failure: still commit and delete what can be, without hiding the first failure. */
    private void settleAfter(Throwable original) {
        try {
            settle();
        } catch (MessagingException | RuntimeException | Error e) {
            original.addSuppressed(e);
        }
    }

    private void start(Message message, String upstreamId) throws MessagingException {
        if (retries.passOver(upstreamId)) {
            return;
        }
        try {
            if (gate.holdBack(session, message, upstreamId, acks, handler)) {
                return;
            }
        } catch (IntakeException.TransientIo e) {
            failed(upstreamId, e);
            return;
        }
        int size = message.getSize();
        if (size > maxBytes) {
            finish(message, upstreamId, null, () -> handler.oversize(upstreamId));
        } else if (size >= 0 && size <= PARALLEL_MAX_BYTES) {
            startInParallel(message, upstreamId, size);
        } else {
            collectAll();
            finish(message, upstreamId, null, () -> session.handleStreaming(message, upstreamId, handler));
        }
    }

    private void startInParallel(Message message, String upstreamId, int size) throws MessagingException {
        byte[] raw;
        try {
            raw = session.fetchWhole(message, size);
        } catch (IOException e) {
            failed(upstreamId, e);
            return;
        }
        window.add(new InFlight(
                message,
                upstreamId,
                raw,
                workers.submit(() -> handler.handle(new ByteArrayInputStream(raw), upstreamId))));
        if (window.size() >= WINDOW) {
            collect(window.poll());
        }
    }

    private void collectAll() throws MessagingException {
        while (!window.isEmpty()) {
            collect(window.poll());
        }
    }

    private void collect(InFlight work) throws MessagingException {
        finish(work.message(), work.upstreamId(), work.raw(), () -> {
            try {
                return work.outcome().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IntakeException.TransientIo t) {
                    throw t;
                }
                if (e.getCause() instanceof Error fatal) {
                    throw fatal;
                }
                throw new IntakeException.TransientIo("handling failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MessagingException("interrupted while waiting for a worker");
            }
        });
    }

    /** Acts on a message's outcome; {@code raw} is the message when it was fetched whole, else null. */
    private void finish(Message message, String upstreamId, byte[] raw, Work work) throws MessagingException {
        Outcome outcome;
        try {
            outcome = work.run();
        } catch (IntakeException.TransientIo e) {
            failed(upstreamId, e);
            return;
        }
        if (outcome instanceof Outcome.Quarantined quarantined && !keepCopy(message, upstreamId, raw, quarantined)) {
            return;
        }
        retries.succeeded(upstreamId);
        handled++;
        if (outcome instanceof Outcome.Quarantined quarantined) {
            session.moveToQuarantine(message, quarantined.quarantineId());
        } else if (outcome instanceof Outcome.Prepared prepared) {
            acks.prepared(message, upstreamId);
            flushSoon |= prepared.batchFull();
        } else {
            acks.durable(message);
        }
    }

    /**
     * Keeps the sealed copy of a quarantined message before it is moved (decision 27): from memory
     * when it was fetched whole, else its start fetched again. False (and left for a retry) on failure.
     */
    private boolean keepCopy(Message message, String upstreamId, byte[] raw, Outcome.Quarantined quarantined) {
        try {
            handler.keepCopy(
                    quarantined,
                    raw != null
                            ? () -> new ByteArrayInputStream(raw)
                            : () -> session.openStart(message, RedactedCopy.READ_MAX));
            return true;
        } catch (IntakeException.TransientIo e) {
            failed(upstreamId, e);
            return false;
        }
    }

    private void failed(String upstreamId, Exception e) {
        retries.failed(upstreamId);
        LOG.warn("a message could not be processed and stays in the mailbox for a later retry", e);
    }

    /** Finishes every started handling, commits the batch, then deletes what is durable. */
    private void settle() throws MessagingException {
        collectAll();
        flushSoon = false;
        if (acks.hasPrepared()) {
            try {
                handler.flush();
                acks.committed();
            } catch (IntakeException.TransientIo e) {
                acks.failed().forEach(retries::failed);
                LOG.warn("a batch of records could not be committed; its messages stay in the mailbox", e);
            } catch (RuntimeException | Error e) {
                // Whatever happened, the batch is not known to be durable: none of it may be deleted.
                acks.failed().forEach(retries::failed);
                throw e;
            }
        }
        // Durable messages are deleted first: a move of limited ones that keeps failing must not
        // keep committed tips in the mailbox (they would come back as duplicates every pass).
        session.acknowledge(acks.takeDurable());
        handled += gate.settle(session, handler, retries);
    }
}
