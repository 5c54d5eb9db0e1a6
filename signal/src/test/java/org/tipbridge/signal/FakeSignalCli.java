// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the signal-cli 0.14 daemon in manual receive mode, on a real UNIX socket and a
 * real loopback TCP port: line-delimited JSON-RPC 2.0, answers scripted through {@link #answers()}.
 * Pushed envelopes wait in a queue and leave it only once a subscriber's socket took the whole
 * notification line (signal-cli acknowledges to Signal's server only after notifying), so a drop
 * mid-write re-sends that envelope to the next subscriber.
 */
public final class FakeSignalCli implements AutoCloseable {
    /** Which of the two listening sockets a test talks to. */
    public enum Transport {
        UNIX,
        TCP
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path socket;
    private final ServerSocketChannel unixServer;
    private final ServerSocketChannel tcpServer;
    private final FakeAnswers answers = new FakeAnswers();
    private final List<FakePeerConnection> connections = new CopyOnWriteArrayList<>();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<byte[]> written = new CopyOnWriteArrayList<>();
    private final List<Integer> takers = new CopyOnWriteArrayList<>();
    private final Map<FakePeerConnection, Integer> serials = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Deque<byte[]> queue = new ArrayDeque<>();
    private final Object queueLock = new Object();
    /** Queued entries (by identity) that {@link #pushLine} queued: written as they are. */
    private final java.util.Set<byte[]> rawLines =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private final ScheduledExecutorService later = Executors.newScheduledThreadPool(4, FakeSignalCli::daemon);
    private final AtomicLong failedWrites = new AtomicLong();
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean silent;
    private volatile boolean outOfOrder;
    private volatile boolean running = true;
    private volatile boolean cutNext;
    private volatile boolean notifyBeforeSubscribeAnswer;
    private final Set<Integer> dropAfter = ConcurrentHashMap.newKeySet();

    private FakeSignalCli(Path directory) throws IOException {
        socket = directory.resolve("signal-cli.sock");
        unixServer = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(socket));
        tcpServer = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        spawn("fake-signal-cli-accept-unix", () -> accept(unixServer));
        spawn("fake-signal-cli-accept-tcp", () -> accept(tcpServer));
        spawn("fake-signal-cli-notify", this::notifySubscribers);
    }

    /** Listens on {@code directory/signal-cli.sock} and on 127.0.0.1 with a free port. */
    public static FakeSignalCli start(Path directory) throws IOException {
        return new FakeSignalCli(directory);
    }

    public Endpoint endpoint(Transport transport) {
        return transport == Transport.UNIX
                ? new Endpoint.Unix(socket)
                : new Endpoint.Tcp("127.0.0.1", tcpServer.socket().getLocalPort());
    }

    /** Scripted answers (send results, attachments, identities, errors, raw results). */
    public FakeAnswers answers() {
        return answers;
    }

    /** Queues one envelope ({@code {envelope, account}}) for subscribers, in order. */
    public void push(byte[] resultJson) {
        synchronized (queueLock) {
            queue.addLast(resultJson.clone());
            queueLock.notifyAll();
        }
    }

    /**
     * Queues one raw line (without its newline), written verbatim to a subscriber in turn with the
     * envelopes: hostile input that need not be a receive notification, nor JSON at all.
     */
    public void pushLine(byte[] line) {
        byte[] copy = line.clone();
        synchronized (queueLock) {
            rawLines.add(copy);
            queue.addLast(copy);
            queueLock.notifyAll();
        }
    }

    /** Writes an on-start-mode notification ({@code params} is the envelope itself) to every connection. */
    void pushOnStartMode(byte[] resultJson) {
        byte[] line =
                FakePeerConnection.concat("{\"jsonrpc\":\"2.0\",\"method\":\"receive\",\"params\":", resultJson, "}\n");
        connections.forEach(c -> c.write(line));
    }

    /** Closes every client socket now, even mid-write. */
    public void dropConnections() {
        List<FakePeerConnection> current = new ArrayList<>(connections);
        connections.removeAll(current);
        current.forEach(FakePeerConnection::drop);
    }

    /**
     * Writes only the first half of the next notification, then closes every connection, as if the
     * daemon died mid-write; that envelope stays queued (it was not written completely).
     */
    void cutNextNotification() {
        cutNext = true;
    }

    /**
     * From now on a subscribeReceive is answered only after every queued envelope was written to
     * that connection (at most 5 s later), as signal-cli may do when messages were waiting.
     */
    void notifyBeforeAnsweringSubscribe() {
        notifyBeforeSubscribeAnswer = true;
    }

    /**
     * Closes every connection right after the {@code n}-th envelope (counting all connections, from
     * 1) was written completely and before the next one is written; may be called for several counts.
     */
    public void dropConnectionsAfterWriting(int n) {
        dropAfter.add(n);
    }

    /**
     * Writes {@code line} exactly as given (an LF is added) to every connection, subscribed or not:
     * what a broken or hostile signal-cli might send, down to invalid UTF-8 (the hostile corpus).
     * Unlike {@link #pushLine}, it is not queued: a connection that is not there misses it.
     */
    public void writeLineNow(byte[] line) {
        byte[] whole = java.util.Arrays.copyOf(line, line.length + 1);
        whole[line.length] = '\n';
        connections.forEach(c -> c.write(whole));
    }

    /** Writes a raw line (LF added) to every connection. */
    void sendGarbage(String line) {
        connections.forEach(c -> c.write(line));
    }

    /** Answers every later request only after {@code wait}. */
    void respondSlowly(Duration wait) {
        delay = wait;
    }

    /** Answers no later request. */
    public void silent() {
        silent = true;
    }

    /** Back to prompt, in-order answers. */
    public void answerNormally() {
        silent = false;
        outOfOrder = false;
        delay = Duration.ZERO;
    }

    /** Answers each later request after a random 0-3 ms, so answers overtake each other. */
    void respondOutOfOrder() {
        outOfOrder = true;
    }

    /** Every request received so far, parsed. */
    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The params of every {@code send}. */
    public List<JsonNode> sendCalls() {
        return answers.sendCalls();
    }

    /** The params of every {@code trust}. */
    public List<JsonNode> trustCalls() {
        return answers.trustCalls();
    }

    /** The method of every request answered so far, in the order they were answered. */
    public List<String> methodsCalled() {
        return answers.methods();
    }

    /** Envelopes whose notification line a subscriber's socket took completely, in order. */
    public List<byte[]> written() {
        return List.copyOf(written);
    }

    /**
     * For each envelope of {@link #written()}, in the same order, the connection that took it,
     * numbered from 1 in the order connections were accepted (a new number per reconnect).
     */
    public List<Integer> writtenTo() {
        return List.copyOf(takers);
    }

    /** Notification writes cut short, by a drop or {@link #cutNextNotification()} (their envelopes stayed queued). */
    long failedWrites() {
        return failedWrites.get();
    }

    public int queued() {
        synchronized (queueLock) {
            return queue.size();
        }
    }

    int connectionCount() {
        return connections.size();
    }

    @Override
    public void close() throws IOException {
        running = false;
        synchronized (queueLock) {
            queueLock.notifyAll();
        }
        unixServer.close();
        tcpServer.close();
        dropConnections();
        later.shutdownNow();
        Files.deleteIfExists(socket);
    }

    private void accept(ServerSocketChannel server) {
        while (running) {
            try {
                SocketChannel channel = server.accept();
                FakePeerConnection connection = new FakePeerConnection(channel, failedWrites);
                serials.put(connection, accepted.incrementAndGet());
                connections.add(connection);
                spawn("fake-signal-cli-connection", () -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(FakePeerConnection connection) {
        LineReader lines = new LineReader(connection.channel(), 1 << 20);
        try {
            for (byte[] line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode request = JSON.readTree(line);
                requests.add(request);
                schedule(request, connection);
            }
        } catch (IOException | SignalCliException.Protocol e) {
            // the client went away or sent something this peer does not read
        } finally {
            connection.drop();
            connections.remove(connection);
        }
    }

    private void schedule(JsonNode request, FakePeerConnection connection) {
        if (silent) {
            return;
        }
        long wait = outOfOrder ? ThreadLocalRandom.current().nextLong(4) : delay.toMillis();
        if (wait == 0) {
            respond(request, connection);
        } else {
            later.schedule(() -> respond(request, connection), wait, TimeUnit.MILLISECONDS);
        }
    }

    private void respond(JsonNode request, FakePeerConnection connection) {
        String line = answers.answer(request, connection);
        JsonNode result = request.path("method").asText().equals("subscribeReceive")
                ? parse(line).path("result")
                : JSON.missingNode();
        if (result.isIntegralNumber() && notifyBeforeSubscribeAnswer) {
            subscribe(connection, result.longValue());
            awaitQueueWritten(Duration.ofSeconds(5));
        }
        connection.write(line);
        if (result.isIntegralNumber()) {
            subscribe(connection, result.longValue());
        }
    }

    private void subscribe(FakePeerConnection connection, long subscription) {
        connection.subscribe(subscription);
        synchronized (queueLock) {
            queueLock.notifyAll();
        }
    }

    private void awaitQueueWritten(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (queueLock) {
            while (running && !queue.isEmpty() && System.nanoTime() < deadline) {
                try {
                    queueLock.wait(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void notifySubscribers() {
        while (running) {
            byte[] next = awaitEnvelopeAndSubscriber();
            if (next == null) {
                return;
            }
            if (cutNext) {
                cutNext = false;
                connections.stream().filter(FakePeerConnection::isSubscribed).forEach(c -> c.notifyHalf(next));
                dropConnections();
                continue;
            }
            int taker = 0;
            for (FakePeerConnection connection : connections) {
                if (connection.isSubscribed() && (isRaw(next) ? connection.writeLine(next) : connection.notify(next))) {
                    taker = serials.get(connection);
                }
            }
            synchronized (queueLock) {
                if (taker > 0) {
                    queue.pollFirst();
                    takers.add(taker);
                    written.add(next);
                }
            }
            if (taker > 0 && dropAfter.remove(written.size())) {
                dropConnections();
            }
        }
    }

    private boolean isRaw(byte[] entry) {
        synchronized (queueLock) {
            return rawLines.contains(entry);
        }
    }

    private byte[] awaitEnvelopeAndSubscriber() {
        synchronized (queueLock) {
            while (running && (queue.isEmpty() || connections.stream().noneMatch(FakePeerConnection::isSubscribed))) {
                try {
                    queueLock.wait(20);
                } catch (InterruptedException e) {
                    return null;
                }
            }
            return running ? queue.peekFirst() : null;
        }
    }

    private void spawn(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static Thread daemon(Runnable body) {
        Thread thread = new Thread(body, "fake-signal-cli-later");
        thread.setDaemon(true);
        return thread;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException("own answer does not parse", e);
        }
    }
}
