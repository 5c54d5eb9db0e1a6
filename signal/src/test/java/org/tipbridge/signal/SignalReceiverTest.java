// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tipbridge.signal.FakeSignalCli.Transport;

class SignalReceiverTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration FAST = Duration.ofMillis(10);

    @TempDir
    Path dir;

    private FakeSignalCli peer;
    private final List<SignalReceiver> receivers = new ArrayList<>();
    private final List<String> taken = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startPeer() throws Exception {
        peer = FakeSignalCli.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        receivers.forEach(SignalReceiver::close);
        peer.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void receiverDeliversEveryEnvelopeInOrder(Transport transport) {
        List<String> pushed = pushNumbered(0, 100);
        SignalReceiver receiver = start(transport, this::take);
        Eventually.until(() -> taken.size() == 100, WAIT, "100 envelopes");
        assertThat(taken).isEqualTo(pushed);
        assertThat(receiver.received()).isEqualTo(100);
        assertThat(receiver.lastEnvelope()).isPresent();
        assertThat(receiver.state()).isEqualTo(SignalReceiver.State.CONNECTED);
        assertThat(subscribeRequests()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void receiverResubscribesAfterDropAndLosesNothing(Transport transport) {
        List<String> pushed = texts(IntStream.range(0, 1000)
                .mapToObj(n -> Eventually.envelope(n, 2000))
                .collect(Collectors.toList()));
        List<Integer> dropAt = List.of(100, 400, 700, 990);
        SignalReceiver receiver = start(transport, bytes -> {
            take(bytes);
            if (dropAt.contains(taken.size())) {
                peer.dropConnections();
            }
        });
        int cuts = 0;
        for (int batch = 0; batch < 10; batch++) {
            if (batch % 3 == 2) {
                peer.cutNextNotification();
                cuts++;
            }
            pushed.subList(batch * 100, batch * 100 + 100).forEach(e -> peer.push(e.getBytes(StandardCharsets.UTF_8)));
            int cutsSoFar = cuts;
            Eventually.until(() -> peer.failedWrites() >= cutsSoFar, WAIT, "the armed cut");
        }
        Eventually.until(() -> taken.size() >= 1000 && peer.queued() == 0, Duration.ofSeconds(20), "all envelopes");
        assertThat(taken).as("every envelope, once, in order").isEqualTo(pushed);
        assertThat(texts(peer.written()))
                .as("each written completely exactly once")
                .isEqualTo(pushed);
        assertThat(peer.failedWrites()).as("notifications cut mid-line").isGreaterThanOrEqualTo(cuts);
        assertThat(subscribeRequests()).isGreaterThanOrEqualTo(1 + cuts);
        Eventually.until(
                () -> receiver.state() == SignalReceiver.State.CONNECTED, WAIT, "connected after the last drop");
    }

    @Test
    void sinkFailureRetriesSameEnvelopeAndBlocksLaterOnes() {
        List<String> offers = new CopyOnWriteArrayList<>();
        pushNumbered(1, 3);
        SignalReceiver receiver = start(Transport.UNIX, bytes -> {
            offers.add(new String(bytes, StandardCharsets.UTF_8));
            if (offers.size() <= 4) {
                throw new IOException("disk full");
            }
            take(bytes);
        });
        Eventually.until(() -> taken.size() == 3, WAIT, "three envelopes");
        String first = text(Eventually.envelope(1));
        assertThat(offers.subList(0, 5)).containsOnly(first);
        assertThat(offers.subList(5, 7)).containsExactly(text(Eventually.envelope(2)), text(Eventually.envelope(3)));
        assertThat(receiver.received()).isEqualTo(3);
    }

    @Test
    void receiverAcceptsOnStartModeNotifications() {
        SignalReceiver receiver = start(Transport.TCP, this::take);
        Eventually.until(() -> receiver.state() == SignalReceiver.State.CONNECTED, WAIT, "connected");
        byte[] envelope = Eventually.envelope(42);
        peer.pushOnStartMode(envelope);
        Eventually.until(() -> taken.size() == 1, WAIT, "one envelope");
        assertThat(taken).containsExactly(text(envelope));
    }

    @Test
    void unreadableLinesAreHandedOverRawAndOverLongLinesSkipped() {
        SignalLimits small = new SignalLimits(1024, 32, 1024, 100);
        List<String> unreadable = new CopyOnWriteArrayList<>();
        SignalReceiver receiver = SignalReceiver.start(
                peer.endpoint(Transport.UNIX),
                Optional.empty(),
                small,
                new EnvelopeSink() {
                    @Override
                    public void accept(byte[] envelope) {
                        take(envelope);
                    }

                    @Override
                    public void acceptUnreadable(byte[] line) {
                        unreadable.add(text(line));
                    }
                },
                FAST,
                FAST);
        receivers.add(receiver);
        Eventually.until(() -> receiver.state() == SignalReceiver.State.CONNECTED, WAIT, "connected");
        String noEnvelope =
                "{\"jsonrpc\":\"2.0\",\"method\":\"receive\",\"params\":{\"subscription\":0,\"result\":\"x\"}}";
        String tooDeep =
                "{\"jsonrpc\":\"2.0\",\"method\":\"receive\",\"params\":" + "[".repeat(40) + "]".repeat(40) + "}";
        peer.sendGarbage("not json at all");
        peer.sendGarbage(noEnvelope);
        peer.sendGarbage(tooDeep);
        peer.push(("{\"envelope\":{\"dataMessage\":{\"message\":\"" + "x".repeat(2000) + "\"}}}")
                .getBytes(StandardCharsets.UTF_8));
        peer.push(Eventually.envelope(7));
        Eventually.until(() -> taken.size() == 1, WAIT, "the envelope after the refused lines");
        assertThat(taken).containsExactly(text(Eventually.envelope(7)));
        assertThat(unreadable).containsExactly("not json at all", noEnvelope, tooDeep);
        assertThat(receiver.unreadableLines()).isEqualTo(3);
        assertThat(receiver.refusedLines())
                .as("only the over-long line is skipped unread")
                .isEqualTo(1);
        assertThat(subscribeRequests()).isEqualTo(1);
    }

    @Test
    void unreadableLinesAreDroppedByDefaultSinks() {
        SignalReceiver receiver = start(Transport.UNIX, this::take);
        Eventually.until(() -> receiver.state() == SignalReceiver.State.CONNECTED, WAIT, "connected");
        peer.sendGarbage("not json at all");
        peer.push(Eventually.envelope(8));
        Eventually.until(() -> taken.size() == 1, WAIT, "the envelope after the garbage");
        assertThat(receiver.unreadableLines()).isEqualTo(1);
    }

    @Test
    void refusedSubscriptionIsNotConnectedAndIsRetried() {
        peer.answers()
                .failWith(
                        "subscribeReceive",
                        -3,
                        "Receive command cannot be used if messages are already" + " being received.");
        peer.push(Eventually.envelope(9));
        SignalReceiver receiver = start(Transport.UNIX, this::take);
        Eventually.until(() -> subscribeRequests() >= 3, WAIT, "retried subscriptions");
        assertThat(receiver.state()).isNotEqualTo(SignalReceiver.State.CONNECTED);
        assertThat(taken).isEmpty();
        peer.answers().stopFailing("subscribeReceive");
        Eventually.until(() -> taken.size() == 1, WAIT, "the envelope once subscribed");
        assertThat(receiver.state()).isEqualTo(SignalReceiver.State.CONNECTED);
    }

    @Test
    void receiverLearnsSignalCliVersionOnEachConnection() {
        SignalReceiver receiver = start(Transport.TCP, this::take);
        Eventually.until(() -> receiver.upstreamVersion().isPresent(), WAIT, "the version");
        assertThat(receiver.upstreamVersion()).contains("0.14.0");

        peer.answers().rawResult("version", "{\"version\":\"0.14.2\"}");
        peer.dropConnections();
        Eventually.until(() -> receiver.upstreamVersion().equals(Optional.of("0.14.2")), WAIT, "the upgraded version");
    }

    @Test
    void unansweredSubscriptionIsDroppedAndRetriedAfterTheDeadline() {
        peer.silent();
        SignalReceiver receiver = SignalReceiver.start(
                peer.endpoint(Transport.UNIX),
                Optional.empty(),
                SignalLimits.DEFAULT,
                this::take,
                FAST,
                FAST,
                Duration.ofMillis(200));
        receivers.add(receiver);
        Eventually.until(() -> subscribeRequests() >= 3, WAIT, "subscriptions retried");
        assertThat(receiver.state()).isNotEqualTo(SignalReceiver.State.CONNECTED);

        peer.answerNormally();
        peer.push(Eventually.envelope(4));
        Eventually.until(() -> taken.size() == 1, WAIT, "the envelope once subscribed");
        assertThat(receiver.state()).isEqualTo(SignalReceiver.State.CONNECTED);
    }

    @Test
    void notificationsBeforeTheSubscribeAnswerKeepTheConnectionAndEachIsDeliveredOnce() {
        peer.notifyBeforeAnsweringSubscribe();
        // 20 kB in all: more than the receiver reads ahead, so most are still in the socket at the deadline
        List<byte[]> envelopes = IntStream.range(0, 10)
                .mapToObj(n -> Eventually.envelope(n, 2000))
                .collect(Collectors.toList());
        envelopes.forEach(peer::push);
        List<String> pushed = texts(envelopes);
        SignalReceiver receiver = SignalReceiver.start(
                peer.endpoint(Transport.UNIX),
                Optional.empty(),
                SignalLimits.DEFAULT,
                bytes -> {
                    sleep(100);
                    take(bytes);
                },
                FAST,
                FAST,
                Duration.ofMillis(200));
        receivers.add(receiver);
        Eventually.until(
                () -> taken.size() >= pushed.size() && receiver.state() == SignalReceiver.State.CONNECTED,
                WAIT,
                "every envelope (about 1 s of sink work), then the subscribe answer behind them");
        assertThat(taken).as("every envelope, once, in order").isEqualTo(pushed);
        assertThat(texts(peer.written())).isEqualTo(pushed);
        assertThat(subscribeRequests())
                .as("the deadline did not drop the busy connection")
                .isEqualTo(1);
    }

    @Test
    void answerIdBeyondTheLongRangeIsNotTakenForOwnRequest() {
        SignalReceiver receiver = start(Transport.UNIX, this::take);
        Eventually.until(() -> receiver.upstreamVersion().isPresent(), WAIT, "the version");
        long versionId = peer.requests().stream()
                .filter(r -> r.path("method").asText().equals("version"))
                .findFirst()
                .orElseThrow()
                .path("id")
                .longValue();
        java.math.BigInteger wrapsToVersionId =
                java.math.BigInteger.ONE.shiftLeft(64).add(java.math.BigInteger.valueOf(versionId));
        peer.sendGarbage("{\"jsonrpc\":\"2.0\",\"id\":" + wrapsToVersionId + ",\"result\":{\"version\":\"6.6.6\"}}");
        peer.push(Eventually.envelope(11));
        Eventually.until(() -> taken.size() == 1, WAIT, "the envelope after the foreign answer");
        assertThat(receiver.upstreamVersion()).contains("0.14.0");
    }

    @Test
    void unprintableVersionIsNotShown() {
        peer.answers().rawResult("version", "{\"version\":\"0.14\\u001b[31m\"}");
        SignalReceiver receiver = start(Transport.TCP, this::take);
        Eventually.until(() -> receiver.state() == SignalReceiver.State.CONNECTED, WAIT, "connected");
        peer.push(Eventually.envelope(3));
        Eventually.until(() -> taken.size() == 1, WAIT, "an envelope after the version answer");
        assertThat(receiver.upstreamVersion()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closeStopsPromptly(Transport transport) {
        SignalReceiver idle = start(transport, this::take);
        Eventually.until(() -> idle.state() == SignalReceiver.State.CONNECTED, WAIT, "connected");
        assertClosesWithinASecond(idle);
        Eventually.until(
                () -> peer.requests().stream()
                        .anyMatch(r -> r.path("method").asText().equals("unsubscribeReceive")),
                WAIT,
                "best-effort unsubscribe");

        peer.push(Eventually.envelope(1));
        SignalReceiver stuck = SignalReceiver.start(
                peer.endpoint(transport),
                Optional.empty(),
                SignalLimits.DEFAULT,
                bytes -> {
                    throw new IllegalStateException("store unavailable");
                },
                Duration.ofMillis(50),
                Duration.ofSeconds(30));
        receivers.add(stuck);
        Eventually.until(() -> stuck.state() == SignalReceiver.State.CONNECTED, WAIT, "connected");
        sleep(400);
        assertClosesWithinASecond(stuck);
        assertThat(stuck.received()).isZero();
    }

    @Test
    void closeStopsPromptlyWhileWaitingToReconnect() {
        SignalReceiver waiting = SignalReceiver.start(
                new Endpoint.Unix(dir.resolve("absent.sock")),
                Optional.empty(),
                SignalLimits.DEFAULT,
                this::take,
                Duration.ofSeconds(30),
                Duration.ofSeconds(60));
        receivers.add(waiting);
        Eventually.until(() -> waiting.state() == SignalReceiver.State.RECONNECTING, WAIT, "reconnecting");
        assertClosesWithinASecond(waiting);
    }

    @Test
    void receiverConnectsOnceSignalCliComesUp() throws Exception {
        Path later = Files.createDirectory(dir.resolve("later"));
        SignalReceiver receiver = SignalReceiver.start(
                new Endpoint.Unix(later.resolve("signal-cli.sock")),
                Optional.of("+15550000000"),
                SignalLimits.DEFAULT,
                this::take,
                FAST,
                Duration.ofMillis(50));
        receivers.add(receiver);
        Eventually.until(() -> receiver.state() == SignalReceiver.State.RECONNECTING, WAIT, "reconnecting");
        try (FakeSignalCli lateShow = FakeSignalCli.start(later)) {
            lateShow.push(Eventually.envelope(5));
            Eventually.until(() -> taken.size() == 1, WAIT, "the envelope");
            assertThat(receiver.state()).isEqualTo(SignalReceiver.State.CONNECTED);
            assertThat(lateShow.requests().get(0).path("params").path("account").asText())
                    .isEqualTo("+15550000000");
            receiver.close();
        }
        assertThat(taken).containsExactly(text(Eventually.envelope(5)));
    }

    private static void assertClosesWithinASecond(SignalReceiver receiver) {
        long start = System.nanoTime();
        receiver.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(receiver.state()).isEqualTo(SignalReceiver.State.STOPPED);
    }

    private SignalReceiver start(Transport transport, EnvelopeSink sink) {
        SignalReceiver receiver = SignalReceiver.start(
                peer.endpoint(transport), Optional.empty(), SignalLimits.DEFAULT, sink, FAST, Duration.ofMillis(100));
        receivers.add(receiver);
        return receiver;
    }

    private void take(byte[] envelope) {
        taken.add(text(envelope));
    }

    private List<String> pushNumbered(int first, int count) {
        List<byte[]> envelopes = IntStream.range(first, first + count)
                .mapToObj(Eventually::envelope)
                .collect(Collectors.toList());
        envelopes.forEach(peer::push);
        return texts(envelopes);
    }

    private long subscribeRequests() {
        return peer.requests().stream()
                .filter(r -> r.path("method").asText().equals("subscribeReceive"))
                .count();
    }

    private static List<String> texts(List<byte[]> envelopes) {
        return envelopes.stream().map(SignalReceiverTest::text).collect(Collectors.toList());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
