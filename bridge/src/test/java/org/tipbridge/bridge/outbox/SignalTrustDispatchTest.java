// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.store.OutboxStatus;
import org.tipbridge.bridge.store.TrustHolds;
import org.tipbridge.signal.FakeSignalCli;

/**
 * An analyst's trust decision travels from the outbox row through the planner and the dispatcher to
 * signal-cli ({@link FakeSignalCli} on a real UNIX socket): one {@code trust} before the send it was
 * made for, never one without a decision.
 */
class SignalTrustDispatchTest extends SignalTrustDispatchFixture {
    @Test
    void verifiedDecisionIsOneTrustCallWithTheDigitsBeforeTheSend() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        release(handle, new TrustDecision.VerifiedSafetyNumber(DIGITS));

        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(trustAndSendCalls()).containsExactly("trust", "send");
        assertThat(peer.trustCalls()).singleElement().satisfies(p -> {
            assertThat(p.path("recipient").asText()).isEqualTo(ACI);
            assertThat(p.path("verifiedSafetyNumber").asText()).isEqualTo(DIGITS);
            assertThat(p.has("trustAllKnownKeys")).isFalse();
        });
    }

    @Test
    void unverifiedDecisionTrustsAllKnownKeysBeforeTheSend() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        release(handle, unverified());

        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(trustAndSendCalls()).containsExactly("trust", "send");
        assertThat(peer.trustCalls()).singleElement().satisfies(p -> {
            assertThat(p.path("recipient").asText()).isEqualTo(ACI);
            assertThat(p.path("trustAllKnownKeys").asBoolean()).isTrue();
            assertThat(p.has("verifiedSafetyNumber")).isFalse();
        });
    }

    @Test
    void withoutADecisionNoTrustCallEverHappensEvenAfterAHold() throws Exception {
        String handle = conversation();
        long id = queueReply(handle);
        peer.answers().sendResult(ACI, "IDENTITY_FAILURE", null);

        runOnce();
        assertThat(entry(id).lastError()).contains(TrustHolds.SAFETY_NUMBER_CHANGED);
        store.outbox().retry(id, false, clock.instant());
        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.NEEDS_DECISION);
        assertThat(entry(id).lastError()).contains(TrustHolds.SAFETY_NUMBER_CHANGED);
        assertThat(peer.sendCalls()).hasSize(2);
        assertThat(peer.trustCalls()).isEmpty();
    }

    @Test
    void refusedTrustWaitsAsMismatchSendsNothingAndCanBeDecidedAgain() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        release(handle, new TrustDecision.VerifiedSafetyNumber(DIGITS));
        peer.answers().trustError(-1, "Failed to set the trust for this number");

        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.NEEDS_DECISION);
        assertThat(entry(id).lastError()).contains(TrustHolds.SAFETY_NUMBER_MISMATCH);
        assertThat(peer.sendCalls()).isEmpty();
        assertThat(rawTrust(id)).isNull();

        peer.answers().trustSucceeds();
        release(handle, new TrustDecision.VerifiedSafetyNumber(DIGITS));
        runOnce();
        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(peer.trustCalls()).hasSize(2);
    }

    @Test
    void refusedUnverifiedTrustWaitsAsTrustRefused() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        release(handle, unverified());
        peer.answers().trustError(-1, "Failed to set the trust for this number");

        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.NEEDS_DECISION);
        assertThat(entry(id).lastError()).contains(TrustHolds.TRUST_REFUSED);
        assertThat(peer.sendCalls()).isEmpty();
        assertThat(rawTrust(id)).isNull();
    }

    @Test
    void unverifiedDecisionIsNotAppliedToAKeyThatArrivedAfterItAndTheHoldSaysTheKeyChangedAgain() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        Instant decided = clock.instant();
        release(handle, new TrustDecision.AllKnownKeys(decided));
        peer.answers().identities(SignalCliSenderTest.identities(decided.minusSeconds(600), decided.plusSeconds(5)));

        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.NEEDS_DECISION);
        assertThat(entry(id).lastError()).contains(TrustHolds.SAFETY_NUMBER_CHANGED_AGAIN);
        assertThat(rawTrust(id)).isNull();
        assertThat(peer.methodsCalled()).contains("listIdentities").doesNotContain("trust", "send");
    }

    @Test
    void unverifiedDecisionTrustsKeysSeenBeforeItListingTheSourcesIdentitiesFirst() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        Instant decided = clock.instant();
        release(handle, new TrustDecision.AllKnownKeys(decided));
        peer.answers().identities(SignalCliSenderTest.identities(decided.minusSeconds(600), decided.minusSeconds(60)));

        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(peer.methodsCalled()).containsSubsequence("listIdentities", "trust", "send");
        assertThat(peer.requests().stream()
                        .filter(r -> r.path("method").asText().equals("listIdentities"))
                        .map(r -> r.path("params").path("number").asText()))
                .containsExactly(ACI);
    }

    @Test
    void decisionSealedForAnotherHandleIsNeverApplied() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        store.outbox()
                .releaseForTrust(
                        handle, seal(new TrustRequest("brisk-heron-22222", unverified()).encode()), clock.instant());

        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(entry(id).lastError()).contains("trust-request-unreadable");
        assertThat(peer.trustCalls()).isEmpty();
        assertThat(peer.sendCalls()).isEmpty();
    }

    @Test
    void unverifiedDecisionDatedMoreThanFiveMinutesAheadOfTheDaemonIsHeldAgainWithoutAskingSignalCli()
            throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        release(
                handle,
                new TrustDecision.AllKnownKeys(
                        clock.instant().plus(Duration.ofMinutes(5).plusSeconds(1))));

        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.NEEDS_DECISION);
        assertThat(entry(id).lastError()).contains(TrustHolds.DECISION_TIME_AHEAD);
        assertThat(rawTrust(id)).isNull();
        assertThat(peer.methodsCalled()).isEmpty();
    }

    @Test
    void unverifiedDecisionAtMostFiveMinutesAheadOfTheDaemonIsStillApplied() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        Instant decided = clock.instant().plus(Duration.ofMinutes(5));
        release(handle, new TrustDecision.AllKnownKeys(decided));
        peer.answers().identities(SignalCliSenderTest.identities(decided.minusSeconds(600), decided.minusSeconds(60)));

        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(trustAndSendCalls()).containsExactly("trust", "send");
    }

    @Test
    void trustRequestOfAnEarlierVersionIsHeldAgainAsSafetyNumberChangedNotFailed() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        byte[] version1 = ("{\"version\":1,\"handle\":\"" + handle + "\",\"trust\":\"all-known-keys\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(store.outbox().releaseForTrust(handle, seal(version1), clock.instant()))
                .isEqualTo(1);

        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.NEEDS_DECISION);
        assertThat(entry(id).lastError()).contains(TrustHolds.SAFETY_NUMBER_CHANGED);
        assertThat(rawTrust(id)).isNull();
        assertThat(peer.methodsCalled()).isEmpty();

        release(handle, unverified());
        runOnce();
        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
    }

    @Test
    void signalCliWithoutTrustHoldsTheEntryAsTrustUnsupportedInsteadOfRetryingUntilGiveUp() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        release(handle, new TrustDecision.VerifiedSafetyNumber(DIGITS));
        peer.answers().trustError(-32601, "Method not implemented");

        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.NEEDS_DECISION);
        assertThat(entry(id).lastError()).contains(TrustHolds.TRUST_UNSUPPORTED);
        assertThat(rawTrust(id)).isNull();
        assertThat(peer.sendCalls()).isEmpty();
    }
}
