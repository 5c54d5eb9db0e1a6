// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's own requests: the ids of its subscribeReceive, version and unsubscribeReceive,
 * which of them an answer belongs to, and the subscribe deadline, which closes a connection only
 * if not a single line arrived on it in time (a line already written by signal-cli is never lost to it).
 */
final class ReceiverRequests {
    /** What an answer from signal-cli belongs to. */
    enum Answer {
        SUBSCRIBE,
        VERSION,
        UNSUBSCRIBE,
        OTHER
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverRequests.class);
    /** No request has this id: {@link #nextId} starts at 1 and a peer's id is never matched to it. */
    private static final long NONE = Long.MIN_VALUE;

    private final AtomicLong nextId = new AtomicLong(1);
    private final Duration subscribeDeadline;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "signal-cli-receiver-watchdog");
        t.setDaemon(true);
        return t;
    });
    private volatile long subscribeRequest = NONE;
    private volatile long versionRequest = NONE;
    private volatile long unsubscribeRequest = NONE;
    /** The current connection's deadline; only the receiver thread replaces it. */
    private volatile Deadline deadline;

    ReceiverRequests(Duration subscribeDeadline) {
        this.subscribeDeadline = subscribeDeadline;
    }

    /** A new id for subscribeReceive on a connection just opened. */
    long subscribe() {
        subscribeRequest = nextId.getAndIncrement();
        return subscribeRequest;
    }

    /** A new id for version. */
    long version() {
        versionRequest = nextId.getAndIncrement();
        return versionRequest;
    }

    /** A new id for unsubscribeReceive while closing. */
    long unsubscribe() {
        unsubscribeRequest = nextId.getAndIncrement();
        return unsubscribeRequest;
    }

    /** Which request {@code id} answers; an id that is not a whole number within a long answers none. */
    Answer answered(JsonNode id) {
        if (!id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() == NONE) {
            return Answer.OTHER;
        }
        long value = id.longValue();
        if (value == subscribeRequest) {
            return Answer.SUBSCRIBE;
        }
        if (value == versionRequest) {
            return Answer.VERSION;
        }
        return value == unsubscribeRequest ? Answer.UNSUBSCRIBE : Answer.OTHER;
    }

    /**
     * Starts the subscribe deadline of a connection just opened: at its end the connection is
     * closed (and so reconnected) unless {@link #lineArrived()} came first or {@code stopped} holds.
     */
    void armDeadline(Connection opened, BooleanSupplier stopped) {
        Deadline next = new Deadline(opened, stopped);
        deadline = next;
        next.timer = watchdog.schedule(next::expire, subscribeDeadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A line arrived on the current connection: its deadline is off for good. */
    void lineArrived() {
        Deadline current = deadline;
        if (current != null) {
            current.cancel();
        }
    }

    /** The current connection ended; its deadline has nothing left to close. */
    void disarm() {
        lineArrived();
        deadline = null;
    }

    /** Ends the watchdog thread. */
    void shutdown() {
        watchdog.shutdownNow();
    }

    /** One connection's deadline: exactly one of expiring and cancelling wins. */
    private final class Deadline {
        private final Connection connection;
        private final BooleanSupplier stopped;
        private final AtomicBoolean pending = new AtomicBoolean(true);
        private volatile ScheduledFuture<?> timer;

        Deadline(Connection connection, BooleanSupplier stopped) {
            this.connection = connection;
            this.stopped = stopped;
        }

        void expire() {
            if (pending.compareAndSet(true, false) && !stopped.getAsBoolean()) {
                LOG.warn(
                        "signal-cli receiver: nothing from signal-cli within {} ms of subscribeReceive; reconnecting",
                        subscribeDeadline.toMillis());
                connection.close();
            }
        }

        void cancel() {
            if (pending.get() && pending.compareAndSet(true, false)) {
                ScheduledFuture<?> scheduled = timer;
                if (scheduled != null) {
                    scheduled.cancel(false);
                }
            }
        }
    }
}
