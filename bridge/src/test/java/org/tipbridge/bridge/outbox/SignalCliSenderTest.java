// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.signal.FakeSignalCli;

/** Every signal-cli send result, over a real UNIX socket, becomes the documented outbox outcome. */
class SignalCliSenderTest {
    private static final String ACI = "8f2c6a0e-3b1d-4e7a-9c55-0d1e2f3a4b5c";
    private static final String DIGITS = "0".repeat(30) + "9".repeat(30);
    private static final String GROUP = "6z/jI2um2JlZsta6KW7VqmDkG91e2vli1jSS43BqNwQ=";

    @TempDir
    Path tmp;

    private FakeSignalCli peer;
    private SignalCliSender sender;

    @BeforeEach
    void setUp() throws Exception {
        peer = FakeSignalCli.start(tmp);
        sender = new SignalCliSender(
                peer.endpoint(FakeSignalCli.Transport.UNIX), Optional.empty(), Duration.ofSeconds(5));
    }

    @AfterEach
    void tearDown() throws Exception {
        peer.close();
    }

    @Test
    void successIsSentAsExactlyOneSendToTheAci() {
        assertThat(sender.send(ACI, "Thank you.", Optional.of(3600))).isEqualTo(new SendResult.Sent());

        assertThat(peer.sendCalls()).singleElement().satisfies(params -> {
            assertThat(params.path("recipient").get(0).asText()).isEqualTo(ACI);
            assertThat(params.path("message").asText()).isEqualTo("Thank you.");
        });
    }

    @Test
    void groupNoticeIsExactlyOneSendWithTheGroupIdAndNoRecipient() {
        assertThat(sender.sendToGroup(GROUP, "Write to us directly.")).isEqualTo(new SendResult.Sent());

        assertThat(peer.sendCalls()).singleElement().satisfies(params -> {
            assertThat(params.path("groupId").asText()).isEqualTo(GROUP);
            assertThat(params.path("message").asText()).isEqualTo("Write to us directly.");
            assertThat(params.has("recipient")).isFalse();
        });
    }

    @Test
    void groupSendNoMemberGotReturnsTheReasonAndAnErrorIsNotThrown() {
        peer.answers().sendResult(GROUP, "NETWORK_FAILURE", null);
        assertThat(sender.sendToGroup(GROUP, "x")).isEqualTo(new SendResult.Temporary("signal-network"));

        peer.answers().sendError(GROUP, -1, "Invalid group id");
        assertThat(sender.sendToGroup(GROUP, "x")).isEqualTo(new SendResult.Temporary("signal-error-1"));
    }

    @Test
    void changedSafetyNumberWaitsForADecision() {
        peer.answers().sendResult(ACI, "IDENTITY_FAILURE", null);
        assertThat(sender.send(ACI, "x", Optional.empty())).isEqualTo(new SendResult.Hold("safety-number-changed"));

        peer.answers().sendError(ACI, -4, "Untrusted identity for +4915112345678");
        assertThat(sender.send(ACI, "x", Optional.empty())).isEqualTo(new SendResult.Hold("safety-number-changed"));
    }

    @Test
    void rateLimitIsRetriedAfterTheGivenDelay() {
        peer.answers().sendResult(ACI, "RATE_LIMIT_FAILURE", 120L);

        assertThat(sender.send(ACI, "x", Optional.empty()))
                .isEqualTo(new SendResult.Temporary("signal-rate-limit", Optional.of(Duration.ofSeconds(120))));
    }

    @Test
    void unregisteredSourceIsGoneAndNetworkFailureIsRetried() {
        peer.answers().sendResult(ACI, "UNREGISTERED_FAILURE", null);
        assertThat(sender.send(ACI, "x", Optional.empty())).isEqualTo(new SendResult.Permanent("source-gone"));

        peer.answers().sendResult(ACI, "NETWORK_FAILURE", null);
        assertThat(sender.send(ACI, "x", Optional.empty())).isEqualTo(new SendResult.Temporary("signal-network"));
    }

    @Test
    void connectionClosedBySignalCliIsReplacedBeforeTheNextSend() throws Exception {
        assertThat(sender.send(ACI, "first", Optional.empty())).isEqualTo(new SendResult.Sent());
        peer.dropConnections();
        Thread.sleep(200);

        assertThat(sender.send(ACI, "second", Optional.empty())).isEqualTo(new SendResult.Sent());
        assertThat(peer.sendCalls()).hasSize(2);
    }

    @Test
    void verifiedTrustCallsTrustWithTheDigitsOnly() {
        String digits = "0".repeat(30) + "9".repeat(30);

        assertThat(sender.trust(ACI, new TrustDecision.VerifiedSafetyNumber(digits)))
                .isEqualTo(new TrustResult.Trusted());

        assertThat(peer.trustCalls()).singleElement().satisfies(params -> {
            assertThat(params.path("recipient").asText()).isEqualTo(ACI);
            assertThat(params.path("verifiedSafetyNumber").asText()).isEqualTo(digits);
            assertThat(params.has("trustAllKnownKeys")).isFalse();
        });
        assertThat(peer.sendCalls()).isEmpty();
    }

    @Test
    void onlyUserErrorMinusOneRefusesATrust() {
        peer.answers().trustError(-1, "Failed to set the trust for this number");

        assertThat(sender.trust(ACI, unverifiedNow())).isEqualTo(new TrustResult.Refused("trust-refused"));
        assertThat(sender.trust(ACI, new TrustDecision.VerifiedSafetyNumber(DIGITS)))
                .isEqualTo(new TrustResult.Refused("safety-number-mismatch"));
    }

    @Test
    void protocolErrorsMeanTrustIsUnsupportedAndRefuseInsteadOfRetrying() {
        for (int code : new int[] {-32601, -32602, -32600, -32700}) {
            peer.answers().trustError(code, "Method not implemented");
            assertThat(sender.trust(ACI, new TrustDecision.VerifiedSafetyNumber(DIGITS)))
                    .isEqualTo(new TrustResult.Refused("trust-unsupported"));

            peer.answers().trustSucceeds();
            peer.answers().failWith("listIdentities", code, "Method not implemented");
            assertThat(sender.trust(ACI, unverifiedNow())).isEqualTo(new TrustResult.Refused("trust-unsupported"));
            peer.answers().stopFailing("listIdentities");
        }
    }

    @Test
    void closedSenderAnswersLikeAnUnreachableSignalCliWithoutConnectingAgain() {
        assertThat(sender.send(ACI, "before", Optional.empty())).isEqualTo(new SendResult.Sent());
        int requestsBefore = peer.requests().size();

        sender.close();

        assertThat(sender.send(ACI, "after", Optional.empty()))
                .isEqualTo(new SendResult.Temporary("signal-cli-unreachable"));
        assertThat(sender.sendToGroup(GROUP, "after")).isEqualTo(new SendResult.Temporary("signal-cli-unreachable"));
        assertThat(sender.trust(ACI, unverifiedNow())).isEqualTo(new TrustResult.Unanswered("signal-cli-unreachable"));
        assertThat(sender.trust(ACI, new TrustDecision.VerifiedSafetyNumber(DIGITS)))
                .isEqualTo(new TrustResult.Unanswered("signal-cli-unreachable"));
        assertThat(peer.requests()).hasSize(requestsBefore);
        sender.close();
    }

    @Test
    void closeEndsACallInProgressAsUnreachable() throws Exception {
        sender = new SignalCliSender(
                peer.endpoint(FakeSignalCli.Transport.UNIX), Optional.empty(), Duration.ofSeconds(30));
        assertThat(sender.send(ACI, "connected", Optional.empty())).isEqualTo(new SendResult.Sent());
        peer.silent();
        var pending = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> sender.send(ACI, "never answered", Optional.empty()));
        while (peer.requests().size() < 2) {
            Thread.sleep(10);
        }

        sender.close();

        assertThat(pending.get(5, java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(new SendResult.Temporary("signal-cli-unreachable"));
    }

    @Test
    void ioInternalAndOtherTrustErrorsAreUnansweredWithTheirCodeNotRefusals() {
        for (int code : new int[] {-3, -32603, -32000, -2, -5, 7}) {
            peer.answers().trustError(code, "Untrusted identity for +4915112345678");

            assertThat(sender.trust(ACI, new TrustDecision.VerifiedSafetyNumber(DIGITS)))
                    .isEqualTo(new TrustResult.Unanswered("signal-error-" + Math.abs(code)));
            assertThat(sender.trust(ACI, unverifiedNow()))
                    .isEqualTo(new TrustResult.Unanswered("signal-error-" + Math.abs(code)));
        }
    }

    @Test
    void unverifiedTrustListsTheSourcesIdentitiesThenTrustsAllKeysSeenBeforeTheDecision() {
        Instant decided = Instant.parse("2026-11-28T10:00:00Z");
        peer.answers().identities(identities(decided.minusSeconds(3600), decided));

        assertThat(sender.trust(ACI, new TrustDecision.AllKnownKeys(decided))).isEqualTo(new TrustResult.Trusted());

        assertThat(peer.methodsCalled()).containsSubsequence("listIdentities", "trust");
        assertThat(peer.trustCalls()).singleElement().satisfies(params -> {
            assertThat(params.path("recipient").asText()).isEqualTo(ACI);
            assertThat(params.path("trustAllKnownKeys").asBoolean()).isTrue();
        });
    }

    @Test
    void unverifiedTrustIsNotAppliedToAKeyFirstSeenAfterTheDecision() {
        Instant decided = Instant.parse("2026-11-28T10:00:00Z");
        peer.answers().identities(identities(decided.minusSeconds(3600), decided.plusMillis(1)));

        assertThat(sender.trust(ACI, new TrustDecision.AllKnownKeys(decided)))
                .isEqualTo(new TrustResult.KeyNewerThanDecision());

        assertThat(peer.methodsCalled()).contains("listIdentities").doesNotContain("trust");
    }

    @Test
    void identityWithoutAFirstSightingCountsAsNewerThanTheDecision() {
        peer.answers().identities("[{\"uuid\":\"" + ACI + "\",\"trustLevel\":\"UNTRUSTED\"}]");

        assertThat(sender.trust(ACI, unverifiedNow())).isEqualTo(new TrustResult.KeyNewerThanDecision());
        assertThat(peer.trustCalls()).isEmpty();
    }

    @Test
    void listIdentitiesUnansweredOrFailingLeavesTheDecisionForARetry() throws Exception {
        sender = new SignalCliSender(
                peer.endpoint(FakeSignalCli.Transport.UNIX), Optional.empty(), Duration.ofMillis(500));
        assertThat(sender.send(ACI, "connected", Optional.empty())).isEqualTo(new SendResult.Sent());
        peer.silent();

        assertThat(sender.trust(ACI, unverifiedNow())).isEqualTo(new TrustResult.Unanswered("signal-cli-unreachable"));

        peer.answerNormally();
        peer.answers().failWith("listIdentities", -3, "IO error");
        assertThat(sender.trust(ACI, unverifiedNow())).isEqualTo(new TrustResult.Unanswered("signal-error-3"));
        assertThat(peer.trustCalls()).isEmpty();
    }

    @Test
    void trustWithSignalCliGoneIsUnanswered() throws Exception {
        peer.close();

        assertThat(sender.trust(ACI, unverifiedNow())).isEqualTo(new TrustResult.Unanswered("signal-cli-unreachable"));
    }

    private static TrustDecision unverifiedNow() {
        return new TrustDecision.AllKnownKeys(Instant.now());
    }

    /** signal-cli's listIdentities answer: an old key of the source, its current one, and another contact's. */
    static String identities(Instant old, Instant current) {
        return "[" + identity(ACI, old, "TRUSTED_UNVERIFIED") + "," + identity(ACI, current, "UNTRUSTED") + ","
                + identity("0b7e1c2d-1111-4222-8333-444455556666", current.plusSeconds(60), "UNTRUSTED") + "]";
    }

    private static String identity(String uuid, Instant added, String trustLevel) {
        return "{\"uuid\":\"" + uuid + "\",\"fingerprint\":\"05 2b\",\"safetyNumber\":\"" + DIGITS
                + "\",\"trustLevel\":\"" + trustLevel + "\",\"addedTimestamp\":" + added.toEpochMilli() + "}";
    }

    @Test
    void signalCliGoneIsTemporary() throws Exception {
        peer.close();

        assertThat(sender.send(ACI, "x", Optional.empty()))
                .isEqualTo(new SendResult.Temporary("signal-cli-unreachable"));
    }
}
