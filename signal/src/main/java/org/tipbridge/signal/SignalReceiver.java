// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one subscription to signal-cli's received messages and hands every envelope, in order, to
 * an {@link EnvelopeSink}; a failing sink gets the same envelope again after a pause and nothing
 * later is read meanwhile. A lost connection is reopened with exponential backoff and subscribed
 * again. Runs on its own thread; logs state changes and exception classes, never content.
 */
public final class SignalReceiver implements AutoCloseable {
    /** Where the receiver is. */
    public enum State {
        CONNECTING,
        CONNECTED,
        RECONNECTING,
        STOPPED
    }

    private static final Logger LOG = LoggerFactory.getLogger(SignalReceiver.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

    private final Endpoint endpoint;
    private final SignalLimits limits;
    private final EnvelopeSink sink;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final JsonRpcCodec codec;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final ReceiverRequests requests;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final Thread thread;
    private volatile State state = State.CONNECTING;
    private volatile Connection connection;
    /** How long close() keeps delivering notifications that were already on their way. */
    static final Duration DRAIN_ON_CLOSE = Duration.ofMillis(400);

    /**
     * How long signal-cli may stay silent after subscribeReceive before the connection is dropped
     * and retried; any line from it (an answer or a notification) ends the deadline.
     */
    static final Duration SUBSCRIBE_DEADLINE = Duration.ofSeconds(30);

    private volatile String upstreamVersion;
    /** Counted down by the answer to our unsubscribe request while closing; it ends the notifications. */
    private final CountDownLatch unsubscribed = new CountDownLatch(1);

    private volatile long subscription = -1;
    private volatile Instant lastEnvelope;

    private SignalReceiver(
            Endpoint endpoint,
            Optional<String> account,
            SignalLimits limits,
            EnvelopeSink sink,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration subscribeDeadline) {
        this.requests = new ReceiverRequests(subscribeDeadline);
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.limits = limits;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.codec = new JsonRpcCodec(limits, account);
        this.thread = new Thread(this::run, "signal-cli-receiver");
    }

    /** Starts receiving on a new thread; connection problems are retried there, never thrown. */
    public static SignalReceiver start(
            Endpoint endpoint,
            Optional<String> account,
            SignalLimits limits,
            EnvelopeSink sink,
            Duration initialBackoff,
            Duration maxBackoff) {
        return start(endpoint, account, limits, sink, initialBackoff, maxBackoff, SUBSCRIBE_DEADLINE);
    }

    /** As {@link #start(Endpoint, Optional, SignalLimits, EnvelopeSink, Duration, Duration)}, with a chosen subscribe deadline. */
    static SignalReceiver start(
            Endpoint endpoint,
            Optional<String> account,
            SignalLimits limits,
            EnvelopeSink sink,
            Duration initialBackoff,
            Duration maxBackoff,
            Duration subscribeDeadline) {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and max >= initial");
        }
        SignalReceiver receiver =
                new SignalReceiver(endpoint, account, limits, sink, initialBackoff, maxBackoff, subscribeDeadline);
        receiver.thread.start();
        return receiver;
    }

    public State state() {
        return state;
    }

    /** When the sink last took an envelope. */
    public Optional<Instant> lastEnvelope() {
        return Optional.ofNullable(lastEnvelope);
    }

    /** Envelopes the sink has taken (unreadable lines are counted in {@link #unreadableLines()} only). */
    public long received() {
        return received.get();
    }

    /** Lines longer than {@link SignalLimits#maxLineBytes()}: skipped unread (an envelope among them is lost). */
    public long refusedLines() {
        return refused.get();
    }

    /** Lines within the length limit that could not be read; each was offered to {@link EnvelopeSink#acceptUnreadable}. */
    public long unreadableLines() {
        return unreadable.get();
    }

    /** signal-cli's version as it last answered on this receiver's connection (printable, at most 40 characters). */
    public Optional<String> upstreamVersion() {
        return Optional.ofNullable(upstreamVersion);
    }

    /**
     * Stops within about a second: unsubscribes (best effort) and keeps delivering what signal-cli
     * had already sent until its answer to the unsubscribe arrives (at most {@link #DRAIN_ON_CLOSE}),
     * then closes the connection. An envelope the sink is taking at that moment is not interrupted;
     * one the sink keeps refusing is given up.
     */
    @Override
    public void close() {
        Connection current = connection;
        if (current != null && unsubscribe(current)) {
            try {
                unsubscribed.await(DRAIN_ON_CLOSE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopping.countDown();
        if (current != null) {
            current.close();
        }
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        requests.shutdown();
    }

    private void run() {
        Duration backoff = initialBackoff;
        try {
            while (!stopped()) {
                if (connectAndReceive()) {
                    backoff = initialBackoff;
                }
                if (stopped()) {
                    break;
                }
                enter(State.RECONNECTING);
                if (pause(backoff)) {
                    break;
                }
                backoff = doubled(backoff);
            }
        } finally {
            enter(State.STOPPED);
        }
    }

    /** One connection's life; true when signal-cli accepted the subscription. */
    private boolean connectAndReceive() {
        subscription = -1;
        try (Connection opened = Connection.open(endpoint, limits, CONNECT_TIMEOUT)) {
            connection = opened;
            if (stopped()) {
                return false;
            }
            opened.write(codec.request(requests.subscribe(), "subscribeReceive", codec.params()));
            opened.write(codec.request(requests.version(), "version", codec.params()));
            requests.armDeadline(opened, this::stopped);
            try {
                receive(opened);
            } finally {
                requests.disarm();
            }
        } catch (SignalCliException.Unreachable | IOException e) {
            if (!stopped()) {
                LOG.warn("signal-cli receiver: connection failed ({})", causeName(e));
            }
        } finally {
            connection = null;
        }
        return state == State.CONNECTED;
    }

    private void receive(Connection opened) throws IOException {
        while (!stopped()) {
            byte[] line;
            try {
                line = opened.readLine();
            } catch (SignalCliException.Protocol e) {
                requests.lineArrived();
                refused.incrementAndGet();
                LOG.warn("signal-cli receiver: skipped a line over the length limit ({})", causeName(e));
                continue;
            }
            if (line == null) {
                LOG.warn("signal-cli receiver: connection closed by signal-cli");
                return;
            }
            requests.lineArrived();
            if (line.length > 0 && !handle(line)) {
                return;
            }
        }
    }

    /**
     * Handles one line; false when the connection should end: stopping while a line was still
     * refused by the sink, or signal-cli refused the subscription.
     */
    private boolean handle(byte[] line) {
        InboundLine inbound = InboundLine.read(codec, line);
        if (inbound instanceof InboundLine.Unreadable unreadable) {
            return unreadable(line, unreadable.reason());
        }
        if (inbound instanceof InboundLine.Envelope envelope) {
            return deliver(() -> {
                sink.accept(envelope.resultJson());
                received.incrementAndGet();
                lastEnvelope = Instant.now();
            });
        }
        JsonNode message = ((InboundLine.Message) inbound).message();
        switch (requests.answered(message.path("id"))) {
            case SUBSCRIBE -> {
                return subscribed(message);
            }
            case VERSION ->
                upstreamVersion = printableVersion(message.path("result").path("version"));
            case UNSUBSCRIBE -> unsubscribed.countDown();
            case OTHER -> {
                // a notification of another kind, or an answer to nothing we asked
            }
        }
        return true;
    }

    private boolean unreadable(byte[] line, SignalCliException.Protocol e) {
        unreadable.incrementAndGet();
        LOG.warn("signal-cli receiver: a line could not be read ({}); handing it over unread", causeName(e));
        return deliver(() -> sink.acceptUnreadable(line));
    }

    /** A version string fit for a status page, or null. */
    private static String printableVersion(JsonNode version) {
        String text = version.isTextual() ? version.textValue() : "";
        return text.matches("[A-Za-z0-9._+-]{1,40}") ? text : null;
    }

    /** True when signal-cli accepted the subscription; a refusal ends the connection (retried with backoff). */
    private boolean subscribed(JsonNode answer) {
        JsonNode error = answer.path("error");
        if (error.isObject() || !answer.path("result").canConvertToLong()) {
            LOG.warn(
                    "signal-cli receiver: subscribeReceive failed with code {}; reconnecting",
                    error.path("code").asInt());
            return false;
        }
        subscription = answer.path("result").asLong(-1);
        enter(State.CONNECTED);
        return true;
    }

    /** What the sink is asked to do with one line. */
    @FunctionalInterface
    private interface Delivery {
        void run() throws Exception;
    }

    /** Offers one line until the sink takes it; false if stopped first (the line is then lost). */
    private boolean deliver(Delivery delivery) {
        Duration backoff = initialBackoff;
        while (true) {
            try {
                delivery.run();
                return true;
            } catch (Exception e) {
                LOG.warn("signal-cli receiver: sink refused an envelope ({}); offering it again", causeName(e));
            }
            if (pause(backoff)) {
                LOG.warn("signal-cli receiver: stopped with one envelope not taken by the sink");
                return false;
            }
            backoff = doubled(backoff);
        }
    }

    /** Sends unsubscribeReceive; true when it was written (its answer is then awaited). */
    private boolean unsubscribe(Connection current) {
        long active = subscription;
        if (active < 0) {
            return false;
        }
        ObjectNode params = codec.params();
        params.put("subscription", active);
        try {
            current.write(codec.request(requests.unsubscribe(), "unsubscribeReceive", params));
            return true;
        } catch (IOException e) {
            LOG.debug("signal-cli receiver: unsubscribe not sent ({})", causeName(e));
            return false;
        }
    }

    private void enter(State next) {
        State previous = state;
        if (previous != next) {
            state = next;
            LOG.info("signal-cli receiver: {} -> {}", previous, next);
        }
    }

    private boolean stopped() {
        return stopping.getCount() == 0;
    }

    /** Waits, returning true if asked to stop meanwhile. */
    private boolean pause(Duration wait) {
        try {
            return stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
            return true;
        }
    }

    private Duration doubled(Duration backoff) {
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(maxBackoff) > 0 ? maxBackoff : next;
    }

    private static String causeName(Exception e) {
        return e.getCause() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + "/" + e.getCause().getClass().getSimpleName();
    }
}
