// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.store.Outbox;
import org.tipbridge.bridge.store.OutboxStatus;
import org.tipbridge.bridge.store.StoreException;
import org.tipbridge.bridge.store.TrustHolds;
import org.tipbridge.signal.FakeSignalCli;

/**
 * How long an analyst's trust decision lives, through the dispatcher and {@link FakeSignalCli} on a
 * real UNIX socket: one attempt to apply it uses it up; a decision signal-cli did not act on (no
 * answer, an error that is not the decision's fault, an internal failure before the call) is kept.
 */
class SignalTrustDecisionLifetimeTest extends SignalTrustDispatchFixture {
    @Test
    void signalCliIoErrorOnTrustIsRetriedWithBackoffKeepingTheDecision() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        release(handle, new TrustDecision.VerifiedSafetyNumber(DIGITS));
        peer.answers().trustError(-3, "IO error");

        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.QUEUED);
        assertThat(entry(id).lastError()).contains("signal-error-3");
        assertThat(entry(id).nextAttempt()).isAfter(clock.instant());
        assertThat(rawTrust(id)).isNotNull();
        assertThat(peer.sendCalls()).isEmpty();

        peer.answers().trustSucceeds();
        ((MovableClock) clock).advance(Duration.ofHours(1));
        runOnce();
        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(peer.trustCalls()).hasSize(2);
    }

    @Test
    void listIdentitiesFailingKeepsTheUnverifiedDecisionForTheNextAttempt() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        release(handle, unverified());
        peer.answers().failWith("listIdentities", -3, "IO error");

        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.QUEUED);
        assertThat(entry(id).lastError()).contains("signal-error-3");
        assertThat(rawTrust(id)).isNotNull();
        assertThat(peer.trustCalls()).isEmpty();
        assertThat(peer.sendCalls()).isEmpty();
    }

    @Test
    void internalFailureBeforeTheTrustCallKeepsTheDecision() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        release(handle, new TrustDecision.VerifiedSafetyNumber(DIGITS));
        Outbox failingMarkSending = (Outbox) Proxy.newProxyInstance(
                Outbox.class.getClassLoader(), new Class<?>[] {Outbox.class}, (proxy, method, args) -> {
                    if (method.getName().equals("markSending")) {
                        throw new StoreException("simulated store failure");
                    }
                    try {
                        return method.invoke(store.outbox(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        OutboxDispatcher.create(
                        failingMarkSending,
                        handles,
                        secrets,
                        PGP,
                        BRIDGE.key(),
                        config,
                        MailTransport.NONE,
                        sender,
                        clock)
                .runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.QUEUED);
        assertThat(entry(id).lastError()).contains("internal-error");
        assertThat(rawTrust(id)).as("no attempt used the decision").isNotNull();
        assertThat(peer.trustCalls()).isEmpty();

        ((MovableClock) clock).advance(Duration.ofHours(1));
        runOnce();
        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(trustAndSendCalls()).containsExactly("trust", "send");
    }

    @Test
    void internalFailureAfterTheTrustCallUsesTheDecisionUp() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        release(handle, new TrustDecision.VerifiedSafetyNumber(DIGITS));
        SignalSender throwingSend = new SignalSender() {
            @Override
            public SendResult send(String aci, String text, Optional<Integer> expireSeconds) {
                throw new IllegalStateException("simulated bug");
            }

            @Override
            public SendResult sendToGroup(String groupId, String text) {
                throw new AssertionError();
            }

            @Override
            public TrustResult trust(String aci, TrustDecision decision) {
                return sender.trust(aci, decision);
            }
        };

        OutboxDispatcher.create(
                        store.outbox(),
                        handles,
                        secrets,
                        PGP,
                        BRIDGE.key(),
                        config,
                        MailTransport.NONE,
                        throwingSend,
                        clock)
                .runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.QUEUED);
        assertThat(entry(id).lastError()).contains("internal-error");
        assertThat(rawTrust(id)).isNull();
        assertThat(peer.trustCalls()).hasSize(1);
    }

    @Test
    void decisionIsNotReusedOnASecondAttempt() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        release(handle, unverified());
        peer.answers().sendResult(ACI, "NETWORK_FAILURE", null);

        runOnce();
        assertThat(entry(id).status()).isEqualTo(OutboxStatus.QUEUED);
        assertThat(rawTrust(id)).isNull();
        peer.answers().sendResult(ACI, "SUCCESS", null);
        ((MovableClock) clock).advance(Duration.ofHours(1));
        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(trustAndSendCalls()).containsExactly("trust", "send", "send");
    }

    @Test
    void holdAfterTheTrustDeletesTheDecision() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        release(handle, unverified());
        peer.answers().sendResult(ACI, "IDENTITY_FAILURE", null);

        runOnce();

        assertThat(entry(id).lastError()).contains(TrustHolds.SAFETY_NUMBER_CHANGED);
        assertThat(rawTrust(id)).isNull();
        store.outbox().retry(id, false, clock.instant());
        runOnce();
        assertThat(peer.trustCalls()).hasSize(1);
    }

    @Test
    void unansweredTrustKeepsTheDecisionForTheNextAttempt() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        release(handle, new TrustDecision.VerifiedSafetyNumber(DIGITS));
        peer.close();

        runOnce();
        assertThat(entry(id).status()).isEqualTo(OutboxStatus.QUEUED);
        assertThat(entry(id).lastError()).contains("signal-cli-unreachable");
        assertThat(rawTrust(id)).isNotNull();

        peer = FakeSignalCli.start(tmp.resolve("signal"));
        ((MovableClock) clock).advance(Duration.ofHours(1));
        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(trustAndSendCalls()).containsExactly("trust", "send");
        assertThat(rawTrust(id)).isNull();
    }
}
