// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tipbridge.signal.FakeSignalCli.Transport;

class SignalCliClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private FakeSignalCli peer;
    private final List<SignalCliClient> clients = new ArrayList<>();

    @BeforeEach
    void startPeer() throws Exception {
        peer = FakeSignalCli.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(SignalCliClient::close);
        peer.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void versionRoundTrip(Transport transport) throws Exception {
        assertThat(connect(transport).version()).isEqualTo("0.14.0");
        assertThat(peer.requests()).singleElement().satisfies(r -> {
            assertThat(r.path("jsonrpc").asText()).isEqualTo("2.0");
            assertThat(r.path("method").asText()).isEqualTo("version");
            assertThat(r.path("id").isIntegralNumber()).isTrue();
        });
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void requestIdsMatchResponsesUnderConcurrency(Transport transport) throws Exception {
        int threads = 16;
        int callsEach = 40;
        Random random = new Random(7);
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < threads * callsEach; i++) {
            byte[] data = new byte[1 + random.nextInt(300)];
            random.nextBytes(data);
            contents.add(data);
            peer.answers().attachment("att-" + i, data);
        }
        peer.respondOutOfOrder();
        SignalCliClient client = connect(transport);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * callsEach;
                done.add(pool.submit(() -> fetchAndCompare(client, contents, first, callsEach)));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get()).isEqualTo(callsEach);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> ids =
                peer.requests().stream().map(r -> r.path("id").asLong()).collect(Collectors.toList());
        assertThat(ids).hasSize(threads * callsEach).doesNotHaveDuplicates();
        assertThat(client.unmatchedAnswers()).isZero();
    }

    private static int fetchAndCompare(SignalCliClient client, List<byte[]> contents, int first, int count)
            throws SignalCliException {
        int matched = 0;
        for (int i = first; i < first + count; i++) {
            if (Arrays.equals(client.getAttachment("att-" + i, "+15550000001"), contents.get(i))) {
                matched++;
            }
        }
        return matched;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void slowPeerGivesTimeout(Transport transport) throws Exception {
        SignalCliClient client =
                SignalCliClient.connect(peer.endpoint(transport), Optional.empty(), Duration.ofMillis(200), limits());
        clients.add(client);
        peer.respondSlowly(Duration.ofMillis(800));
        long start = System.nanoTime();
        assertThatThrownBy(client::version).isInstanceOf(SignalCliException.Timeout.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(700));
        peer.answerNormally();
        assertThat(client.version()).isEqualTo("0.14.0");
        Eventually.until(() -> client.unmatchedAnswers() == 1, TIMEOUT, "the late answer to be counted");
        assertThat(client.version()).isEqualTo("0.14.0");
    }

    @Test
    void rpcErrorKeepsCodeNotText() throws Exception {
        peer.answers().failWith("send", -1, "Invalid recipient +4915112345678: unknown number 4915112345678");
        SignalCliClient client = connect(Transport.UNIX);
        assertThatThrownBy(() -> client.send("+4915112345678", "hi"))
                .isInstanceOfSatisfying(SignalCliException.Rpc.class, e -> {
                    assertThat(e.code()).isEqualTo(-1);
                    assertThat(e.getMessage()).doesNotContainPattern("\\d{8,}");
                    assertThat(e.getCause()).isNull();
                });
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sendResultsAreTyped(Transport transport) throws Exception {
        SignalCliClient client = connect(transport);
        for (ResultType type : ResultType.values()) {
            String recipient = "+1555000" + (1000 + type.ordinal());
            String name = type == ResultType.UNKNOWN ? "SOME_FUTURE_FAILURE" : type.name();
            Long retry = type == ResultType.RATE_LIMIT_FAILURE ? 3600L : null;
            peer.answers().sendResult(recipient, name, retry);
            SendOutcome outcome = client.send(recipient, "reply " + type);
            assertThat(outcome.timestamp()).hasValue(1_700_000_000_000L);
            RecipientResult result = outcome.results().get(0);
            assertThat(result.type()).isEqualTo(type);
            assertThat(result.number()).hasValue(recipient);
            assertThat(result.uuid()).isPresent();
            assertThat(result.retryAfterSeconds().isPresent()).isEqualTo(retry != null);
            assertThat(result.toString())
                    .doesNotContain(recipient)
                    .doesNotContain(result.uuid().get());
        }
        assertThat(client.send("+15550009999", "ok").allSucceeded()).isTrue();
        JsonNode first = peer.sendCalls().get(0);
        assertThat(first.path("recipient").isArray()).isTrue();
        assertThat(first.path("recipient").get(0).asText()).isEqualTo("+15550001000");
        assertThat(first.path("message").asText()).isEqualTo("reply SUCCESS");
        RecipientResult limited = client.send("+15550001004", "x").results().get(0);
        assertThat(limited.retryAfterSeconds()).hasValue(3600L);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sendToGroupNamesTheGroupIdAndNoRecipientAndTypesEveryMembersResult(Transport transport) throws Exception {
        String groupId = "6z/jI2um2JlZsta6KW7VqmDkG91e2vli1jSS43BqNwQ=";
        SignalCliClient client = connect(transport);

        SendOutcome outcome = client.sendToGroup(groupId, "Please write to us directly.");

        assertThat(outcome.timestamp()).hasValue(1_700_000_000_000L);
        assertThat(outcome.results()).hasSize(FakeAnswers.GROUP_MEMBERS);
        assertThat(outcome.allSucceeded()).isTrue();
        assertThat(peer.requests()).singleElement().satisfies(r -> {
            assertThat(r.path("method").asText()).isEqualTo("send");
            assertThat(r.path("params").path("groupId").asText()).isEqualTo(groupId);
            assertThat(r.path("params").path("message").asText()).isEqualTo("Please write to us directly.");
            assertThat(r.path("params").has("recipient")).isFalse();
        });

        peer.answers().sendResult(groupId, "RATE_LIMIT_FAILURE", 60L);
        assertThat(client.sendToGroup(groupId, "again").results())
                .allSatisfy(r -> assertThat(r.type()).isEqualTo(ResultType.RATE_LIMIT_FAILURE));
        peer.answers().sendError(groupId, -1, "Invalid group id");
        assertThatThrownBy(() -> client.sendToGroup(groupId, "x"))
                .isInstanceOfSatisfying(
                        SignalCliException.Rpc.class, e -> assertThat(e.code()).isEqualTo(-1));
    }

    @Test
    void untrustedIdentityErrorIsRpcMinus4() throws Exception {
        peer.answers().sendError("+15550002222", -4, "Untrusted Identity for \"+15550002222\"");
        SignalCliClient client = connect(Transport.TCP);
        assertThatThrownBy(() -> client.send("+15550002222", "hello"))
                .isInstanceOfSatisfying(
                        SignalCliException.Rpc.class, e -> assertThat(e.code()).isEqualTo(-4));
        assertThat(client.send("+15550003333", "other").allSucceeded()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void getAttachmentDecodesBase64AndRespectsLimit(Transport transport) throws Exception {
        byte[] data = new byte[100_000];
        new Random(1).nextBytes(data);
        peer.answers().attachment("big", data);
        peer.answers().attachment("small", "tiny".getBytes(StandardCharsets.UTF_8));
        assertThat(connect(transport).getAttachment("big", "+15550001111")).isEqualTo(data);

        SignalLimits small = new SignalLimits(64 * 1024, 32, 64 * 1024, 100);
        SignalCliClient bounded = SignalCliClient.connect(peer.endpoint(transport), Optional.empty(), TIMEOUT, small);
        clients.add(bounded);
        assertThatThrownBy(() -> bounded.getAttachment("big", "+15550001111"))
                .isInstanceOf(SignalCliException.Protocol.class);
        assertThat(bounded.refusedLines()).isEqualTo(1);
        assertThat(bounded.getAttachment("small", "+15550001111")).asString().isEqualTo("tiny");
        assertThatThrownBy(() -> bounded.getAttachment("missing", "+15550001111"))
                .isInstanceOfSatisfying(
                        SignalCliException.Rpc.class, e -> assertThat(e.code()).isEqualTo(-1));
    }

    @Test
    void accountParamIsAddedWhenConfigured() throws Exception {
        SignalCliClient withAccount =
                SignalCliClient.connect(peer.endpoint(Transport.UNIX), Optional.of("+15557654321"), TIMEOUT, limits());
        clients.add(withAccount);
        withAccount.version();
        withAccount.send("+15550001111", "hi");
        withAccount.removeContact("+15550001111");
        assertThat(peer.requests())
                .hasSize(3)
                .allSatisfy(r ->
                        assertThat(r.path("params").path("account").asText()).isEqualTo("+15557654321"));

        connect(Transport.UNIX).version();
        assertThat(peer.requests().get(3).path("params").has("account")).isFalse();
    }

    @Test
    void contactAndIdentityCallsUseSignalCliParamNames() throws Exception {
        peer.answers()
                .identities("[{\"number\":\"+15550001111\",\"uuid\":\"u-1\",\"fingerprint\":\"ab\","
                        + "\"safetyNumber\":\"12345 67890\",\"trustLevel\":\"TRUSTED_UNVERIFIED\",\"addedTimestamp\":1,"
                        + "\"somethingNew\":{\"x\":[1]}}]");
        SignalCliClient client = connect(Transport.TCP);
        List<Identity> identities = client.listIdentities("+15550001111");
        assertThat(identities).singleElement().satisfies(i -> {
            assertThat(i.safetyNumber()).hasValue("12345 67890");
            assertThat(i.trustLevel()).hasValue("TRUSTED_UNVERIFIED");
            assertThat(i.addedTimestamp()).hasValue(1);
            assertThat(i.toString())
                    .doesNotContain("+1555")
                    .doesNotContain("12345")
                    .doesNotContain("u-1");
        });
        client.trust("+15550001111", "12345 67890");
        client.updateContactExpiration("+15550001111", 604800);
        client.removeContact("+15550001111");
        List<JsonNode> params =
                peer.requests().stream().map(r -> r.path("params")).collect(Collectors.toList());
        assertThat(params.get(0).path("number").asText()).isEqualTo("+15550001111");
        assertThat(params.get(1).path("verifiedSafetyNumber").asText()).isEqualTo("12345 67890");
        assertThat(peer.requests().get(2).path("method").asText()).isEqualTo("updateContact");
        assertThat(params.get(2).path("expiration").asInt()).isEqualTo(604800);
        assertThat(params.get(3).path("forget").asBoolean()).isTrue();
        assertThat(params)
                .allSatisfy(p ->
                        assertThat(p.path("recipient").asText("+15550001111")).isEqualTo("+15550001111"));
    }

    @Test
    void trustAllKnownKeysSendsTheFlagAndNoSafetyNumber() throws Exception {
        SignalCliClient client = connect(Transport.UNIX);

        client.trustAllKnownKeys("8f2c6a0e-3b1d-4e7a-9c55-0d1e2f3a4b5c");

        assertThat(peer.trustCalls()).singleElement().satisfies(p -> {
            assertThat(p.path("recipient").asText()).isEqualTo("8f2c6a0e-3b1d-4e7a-9c55-0d1e2f3a4b5c");
            assertThat(p.path("trustAllKnownKeys").asBoolean()).isTrue();
            assertThat(p.has("verifiedSafetyNumber")).isFalse();
        });
    }

    @Test
    void refusedTrustIsRpcWithTheCodeOnly() throws Exception {
        peer.answers().trustError(-1, "Failed to set the trust for +15550001111");
        SignalCliClient client = connect(Transport.UNIX);

        assertThatThrownBy(() -> client.trust("+15550001111", "1".repeat(60)))
                .isInstanceOfSatisfying(
                        SignalCliException.Rpc.class, e -> assertThat(e.code()).isEqualTo(-1))
                .hasMessageNotContaining("+1555")
                .hasMessageNotContaining("1111111111");
    }

    @Test
    void garbageLineIsProtocolErrorNotCrash() throws Exception {
        SignalCliClient client = connect(Transport.UNIX);
        peer.silent();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> waiting = pool.submit(client::version);
            Eventually.until(() -> peer.requests().size() == 1, TIMEOUT, "the request to arrive");
            peer.sendGarbage("this is {not json");
            assertThatThrownBy(waiting::get)
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SignalCliException.Protocol.class);
        } finally {
            pool.shutdownNow();
        }
        peer.answerNormally();
        peer.sendGarbage("[1,2,3]");
        peer.sendGarbage("{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":\"not-a-number\"}");
        Eventually.until(() -> client.unmatchedAnswers() == 1, TIMEOUT, "the odd answer to be counted");
        assertThat(client.refusedLines()).isEqualTo(2);
        assertThat(client.version()).isEqualTo("0.14.0");
    }

    @Test
    void answerDeeperThanLimitIsProtocolError() throws Exception {
        peer.answers().rawResult("version", "[".repeat(40) + "]".repeat(40));
        assertThatThrownBy(() -> connect(Transport.UNIX).version()).isInstanceOf(SignalCliException.Protocol.class);
    }

    @Test
    void stringOverLimitIsProtocolError() throws Exception {
        SignalLimits small = new SignalLimits(1 << 20, 32, 1024, 100);
        peer.answers().rawResult("version", "{\"version\":\"" + "9".repeat(2000) + "\"}");
        SignalCliClient client =
                SignalCliClient.connect(peer.endpoint(Transport.UNIX), Optional.empty(), TIMEOUT, small);
        clients.add(client);
        assertThatThrownBy(client::version)
                .isInstanceOf(SignalCliException.Protocol.class)
                .hasMessageNotContaining("999999999");
    }

    @Test
    void arrayOverItemLimitIsProtocolError() throws Exception {
        SignalLimits small = new SignalLimits(1 << 20, 32, 1 << 20, 2);
        peer.answers().identities("[{},{},{}]");
        SignalCliClient client =
                SignalCliClient.connect(peer.endpoint(Transport.UNIX), Optional.empty(), TIMEOUT, small);
        clients.add(client);
        assertThatThrownBy(() -> client.listIdentities("+15550001111")).isInstanceOf(SignalCliException.Protocol.class);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void lostConnectionFailsWaitingCallsWithUnreachable(Transport transport) throws Exception {
        SignalCliClient client = connect(transport);
        peer.silent();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> waiting = pool.submit(client::version);
            Eventually.until(() -> peer.requests().size() == 1, TIMEOUT, "the request to arrive");
            peer.dropConnections();
            assertThatThrownBy(waiting::get).hasCauseInstanceOf(SignalCliException.Unreachable.class);
        } finally {
            pool.shutdownNow();
        }
        assertThatThrownBy(client::version).isInstanceOf(SignalCliException.Unreachable.class);
    }

    @Test
    void connectToMissingSocketIsUnreachable() throws Exception {
        Endpoint missing = new Endpoint.Unix(dir.resolve("no-such.sock"));
        assertThatThrownBy(() -> SignalCliClient.connect(missing, Optional.empty(), TIMEOUT, limits()))
                .isInstanceOf(SignalCliException.Unreachable.class);
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        Endpoint closedPort = new Endpoint.Tcp("127.0.0.1", freePort);
        assertThatThrownBy(() -> SignalCliClient.connect(closedPort, Optional.empty(), TIMEOUT, limits()))
                .isInstanceOf(SignalCliException.Unreachable.class);
    }

    @Test
    void fakePeerRejectsUnknownMethodsWithMinus32601() throws Exception {
        try (Connection raw = Connection.open(peer.endpoint(Transport.UNIX), limits(), TIMEOUT)) {
            raw.write("{\"jsonrpc\":\"2.0\",\"method\":\"frobnicate\",\"id\":9}\n".getBytes(StandardCharsets.UTF_8));
            JsonNode answer = new JsonRpcCodec(limits(), Optional.empty()).parse(raw.readLine());
            assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32601);
            assertThat(answer.path("id").asInt()).isEqualTo(9);
        }
    }

    private SignalCliClient connect(Transport transport) throws SignalCliException {
        SignalCliClient client = SignalCliClient.connect(peer.endpoint(transport), Optional.empty(), TIMEOUT, limits());
        clients.add(client);
        return client;
    }

    private static SignalLimits limits() {
        return SignalLimits.DEFAULT;
    }
}
