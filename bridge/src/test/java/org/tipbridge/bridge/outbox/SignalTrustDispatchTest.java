// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.handle.Handles;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.handle.ReplyAddress;
import org.tipbridge.bridge.handle.ReplyAddressBox;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.NewReply;
import org.tipbridge.bridge.store.OutboxEntry;
import org.tipbridge.bridge.store.OutboxStatus;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.TrustHolds;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.ConfigTemplate;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.EncryptOptions;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.signal.FakeSignalCli;

/**
 * An analyst's trust decision travels from the outbox row through the planner and the dispatcher to
 * signal-cli ({@link FakeSignalCli} on a real UNIX socket): one {@code trust} before the send it was
 * made for, never one without a decision.
 */
class SignalTrustDispatchTest {
    private static final OpenPgp PGP = OpenPgp.create();
    private static final GeneratedKey BRIDGE = generate();
    private static final String ACI = "8f2c6a0e-3b1d-4e7a-9c55-0d1e2f3a4b5c";
    private static final String DIGITS = "123451234512345123451234512345678906789067890678906789067890";

    @TempDir
    Path tmp;

    private final Clock clock = new MovableClock();
    private FakeSignalCli peer;
    private TipbridgeConfig config;
    private RecordStore store;
    private Handles handles;
    private MappingSecrets secrets;
    private SignalCliSender sender;

    private static GeneratedKey generate() {
        try {
            return PGP.generateKey("bridge <bridge@example.org>", new char[0]);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(tmp.resolve(ConfigLoader.FILE_NAME), ConfigTemplate.text());
        config = ConfigLoader.load(tmp, Map.of());
        store = RecordStore.open(config.store());
        secrets = MappingSecrets.generate(tmp.resolve("mapping.key"));
        handles = new Handles(store, secrets, new ReplyAddressBox(secrets), new SecureRandom());
        peer = FakeSignalCli.start(Files.createDirectories(tmp.resolve("signal")));
        sender = new SignalCliSender(
                peer.endpoint(FakeSignalCli.Transport.UNIX), Optional.empty(), Duration.ofSeconds(5));
    }

    @AfterEach
    void tearDown() throws Exception {
        peer.close();
        store.close();
    }

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
        release(handle, new TrustDecision.AllKnownKeys());

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
        release(handle, new TrustDecision.AllKnownKeys());
        peer.answers().trustError(-3, "IO error");

        runOnce();

        assertThat(entry(id).lastError()).contains(TrustHolds.TRUST_REFUSED);
        assertThat(peer.sendCalls()).isEmpty();
    }

    @Test
    void decisionIsNotReusedOnASecondAttempt() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        release(handle, new TrustDecision.AllKnownKeys());
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
        release(handle, new TrustDecision.AllKnownKeys());
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

    @Test
    void decisionSealedForAnotherHandleIsNeverApplied() throws Exception {
        String handle = conversation();
        long id = heldReply(handle);
        store.outbox()
                .releaseForTrust(
                        handle,
                        seal(new TrustRequest("brisk-heron-22222", new TrustDecision.AllKnownKeys()).encode()),
                        clock.instant());

        runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(entry(id).lastError()).contains("trust-request-unreadable");
        assertThat(peer.trustCalls()).isEmpty();
        assertThat(peer.sendCalls()).isEmpty();
    }

    private void runOnce() throws Exception {
        OutboxDispatcher.create(
                        store.outbox(), handles, secrets, PGP, BRIDGE.key(), config, MailTransport.NONE, sender, clock)
                .runOnce();
    }

    private List<String> trustAndSendCalls() {
        return peer.methodsCalled().stream()
                .filter(m -> m.equals("trust") || m.equals("send"))
                .toList();
    }

    private String conversation() {
        return handles.assign(
                        Channel.SIGNAL,
                        ACI,
                        new ReplyAddress(Channel.SIGNAL, ACI, Optional.empty(), Optional.empty()),
                        clock.instant())
                .value();
    }

    private long queueReply(String handle) throws Exception {
        byte[] text = seal(new ReplyCodec().encode(ReplyDocument.of(handle, "Are you safe?")));
        return store.outbox()
                .queueReply(new NewReply(handle, Channel.SIGNAL, text, new byte[] {1}, false, clock.instant()));
    }

    /** A reply held because the source's safety number changed, as the dispatcher leaves it. */
    private long heldReply(String handle) throws Exception {
        long id = queueReply(handle);
        store.outbox().markSending(id, clock.instant());
        store.outbox().markNeedsDecision(id, TrustHolds.SAFETY_NUMBER_CHANGED, clock.instant());
        return id;
    }

    private void release(String handle, TrustDecision decision) throws Exception {
        byte[] sealed = seal(new TrustRequest(handle, decision).encode());
        assertThat(store.outbox().releaseForTrust(handle, sealed, clock.instant()))
                .isEqualTo(1);
    }

    private static byte[] seal(byte[] plaintext) throws Exception {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (var out = PGP.encrypt(sealed, EncryptOptions.to(List.of(BRIDGE.certificate())))) {
            out.write(plaintext);
        }
        return sealed.toByteArray();
    }

    private OutboxEntry entry(long id) {
        return store.outbox().get(id).orElseThrow();
    }

    private byte[] rawTrust(long id) {
        try (var c = java.sql.DriverManager.getConnection(config.store().url());
                var s = c.prepareStatement("SELECT trust_sealed FROM outbox WHERE id = ?")) {
            s.setLong(1, id);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-28T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
