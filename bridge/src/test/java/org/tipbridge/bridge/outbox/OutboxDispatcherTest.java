// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.tipbridge.bridge.store.Outbox;
import org.tipbridge.bridge.store.OutboxEntry;
import org.tipbridge.bridge.store.OutboxItem;
import org.tipbridge.bridge.store.OutboxStatus;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.SendClaim;
import org.tipbridge.bridge.store.StoreException;
import org.tipbridge.bridge.testing.ScriptedSmtpServer;
import org.tipbridge.bridge.testing.TipbridgeJar;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.ConfigTemplate;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.EncryptOptions;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;

/**
 * The outbox job against real SMTP peers (GreenMail, a scripted server, a closed port) and a real
 * SQLite store, with a clock the test moves: retries, give-up, 5xx, no key, and crashes mid-send.
 */
class OutboxDispatcherTest {
    private static final OpenPgp PGP = OpenPgp.create();
    private static final GeneratedKey BRIDGE = generate("bridge");
    private static final GeneratedKey SOURCE = generate("source");
    private static final String SOURCE_ADDRESS = "source@example.org";

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final List<String> signalSends = new java.util.ArrayList<>();
    private SendResult signalResult = new SendResult.Sent();
    private final SignalSender signalSender = new SignalSender() {
        @Override
        public SendResult send(String aci, String text, Optional<Integer> timer) {
            signalSends.add(aci + "|" + timer.map(String::valueOf).orElse("-") + "|" + text);
            return signalResult;
        }

        @Override
        public SendResult sendToGroup(String groupId, String text) {
            throw new AssertionError("the outbox never writes to a group");
        }

        @Override
        public TrustResult trust(String aci, TrustDecision decision) {
            throw new AssertionError("no analyst decided to trust");
        }
    };
    private RecordStore store;
    private Handles handles;
    private MappingSecrets secrets;
    private GreenMail sink;
    private int port;

    private static GeneratedKey generate(String name) {
        try {
            return PGP.generateKey(name + " <" + name + "@example.org>", new char[0]);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(tmp.resolve(ConfigLoader.FILE_NAME), ConfigTemplate.text());
        org.tipbridge.bridge.store.TestDatabases.useIn(tmp);
        TipbridgeConfig config = ConfigLoader.load(tmp, Map.of());
        store = RecordStore.open(config.store());
        secrets = MappingSecrets.generate(tmp.resolve("mapping.key"));
        handles = new Handles(store, secrets, new ReplyAddressBox(secrets), new SecureRandom());
        port = TipbridgeJar.freePort();
    }

    @AfterEach
    void tearDown() {
        if (sink != null) {
            sink.stop();
        }
        store.close();
    }

    @Test
    void smtpDownIsRetriedWithGrowingPausesThenSentWhenItReturns() throws Exception {
        long id = queueReply(conversation(true), "The truck leaves at dawn.", false);

        dispatcher(Map.of()).runOnce();
        assertThat(entry(id).status()).isEqualTo(OutboxStatus.QUEUED);
        assertThat(entry(id).lastError()).contains("smtp-unreachable");
        Instant firstRetry = entry(id).nextAttempt();
        assertThat(Duration.between(clock.instant(), firstRetry)).isEqualTo(Duration.ofSeconds(30));

        clock.advance(Duration.ofSeconds(29));
        assertThat(dispatcher(Map.of()).runOnce()).isZero();
        clock.advance(Duration.ofSeconds(1));
        dispatcher(Map.of()).runOnce();
        assertThat(Duration.between(clock.instant(), entry(id).nextAttempt())).isEqualTo(Duration.ofSeconds(60));
        assertThat(entry(id).attempts()).isEqualTo(2);

        startSink();
        clock.advance(Duration.ofSeconds(60));
        dispatcher(Map.of()).runOnce();
        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(sink.getReceivedMessages()).hasSize(1);
    }

    @Test
    void unreachableServerCostsOneAttemptPerRunNotOnePerEntry() throws Exception {
        String handle = conversation(true);
        long first = queueReply(handle, "one", false);
        long second = queueReply(handle, "two", false);
        long third = queueReply(handle, "three", false);

        dispatcher(Map.of()).runOnce();

        assertThat(entry(first).attempts()).isEqualTo(1);
        assertThat(entry(second).attempts()).isZero();
        assertThat(entry(third).attempts()).isZero();
    }

    @Test
    void permanentRefusalFailsAtOnceWithoutARetryStorm() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start()) {
            server.rejectRecipientsWith(550);
            port = server.port();
            long id = queueReply(conversation(true), "words", false);

            for (int i = 0; i < 10; i++) {
                dispatcher(Map.of()).runOnce();
                clock.advance(Duration.ofHours(1));
            }

            assertThat(entry(id).status()).isEqualTo(OutboxStatus.FAILED);
            assertThat(entry(id).lastError()).contains("smtp-550");
            assertThat(entry(id).attempts()).isEqualTo(1);
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void givesUpAfterTheConfiguredTime() throws Exception {
        long id = queueReply(conversation(true), "words", false);
        for (int i = 0; i < 200 && entry(id).status() == OutboxStatus.QUEUED; i++) {
            dispatcher(Map.of()).runOnce();
            clock.advance(Duration.ofHours(1));
        }
        assertThat(entry(id).status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(entry(id).lastError()).contains("smtp-unreachable");
        assertThat(entry(id).attempts()).isBetween(70, 80);
    }

    @Test
    void withoutASourceKeyTheReplyWaitsForADecisionUnlessPlaintextIsAllowed() throws Exception {
        startSink();
        String handle = conversation(false);
        long held = queueReply(handle, "held words", false);
        long allowed = queueReply(handle, "plain words", true);

        dispatcher(Map.of()).runOnce();

        assertThat(entry(held).status()).isEqualTo(OutboxStatus.NEEDS_DECISION);
        assertThat(entry(held).lastError()).contains("no-source-key");
        assertThat(entry(allowed).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(sink.getReceivedMessages())
                .singleElement()
                .satisfies(m -> assertThat(((String) m.getContent()).strip()).isEqualTo("plain words"));

        store.outbox().retry(held, true, clock.instant());
        dispatcher(Map.of()).runOnce();
        assertThat(entry(held).status()).isEqualTo(OutboxStatus.SENT);
    }

    @Test
    void plaintextPolicySendsWithoutAKey() throws Exception {
        startSink();
        long id = queueReply(conversation(false), "policy words", false);

        dispatcher(Map.of("TIPBRIDGE_OUTBOUND_NO_KEY_POLICY", "plaintext")).runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
    }

    @Test
    void crashAfterTheServerAcceptedSendsOnceMoreWithTheSameMessageId() throws Exception {
        startSink();
        long id = queueReply(conversation(true), "words", false);
        MailTransport real = transport(Map.of());
        MailTransport dying = (from, to, message) -> {
            real.send(from, to, message);
            throw new SimulatedCrash();
        };

        assertThatThrownBy(() -> dispatcher(Map.of(), dying).runOnce()).isInstanceOf(SimulatedCrash.class);
        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENDING);

        OutboxDispatcher restarted = dispatcher(Map.of());
        restarted.recoverAll();
        restarted.runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
        MimeMessage[] got = sink.getReceivedMessages();
        assertThat(got).hasSize(2);
        assertThat(got[1].getMessageID()).isEqualTo(got[0].getMessageID());
    }

    @Test
    void crashBeforeTheServerAcceptedLosesNothingAndSendsOnce() throws Exception {
        startSink();
        long id = queueReply(conversation(true), "words", false);
        MailTransport dying = (from, to, message) -> {
            throw new SimulatedCrash();
        };

        assertThatThrownBy(() -> dispatcher(Map.of(), dying).runOnce()).isInstanceOf(SimulatedCrash.class);
        OutboxDispatcher restarted = dispatcher(Map.of());
        restarted.recoverAll();
        restarted.runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(sink.getReceivedMessages()).hasSize(1);
    }

    @Test
    void cancelledReplyIsNeverSent() throws Exception {
        startSink();
        long id = queueReply(conversation(true), "words", false);
        assertThat(store.outbox().cancel(id, clock.instant())).isTrue();

        dispatcher(Map.of()).runOnce();

        assertThat(sink.getReceivedMessages()).isEmpty();
        assertThat(entry(id).status()).isEqualTo(OutboxStatus.CANCELLED);
    }

    @Test
    void replySealedForAnotherHandleIsRefusedNotSent() throws Exception {
        startSink();
        String a = conversation(true);
        String b = handles.assign(
                        Channel.EMAIL,
                        "other@example.org",
                        ReplyAddress.of(Channel.EMAIL, "other@example.org"),
                        clock.instant())
                .value();
        long id = store.outbox()
                .queueReply(new NewReply(
                        b, Channel.EMAIL, sealForBridge(a, "for a only"), new byte[] {1}, true, clock.instant()));

        dispatcher(Map.of()).runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(entry(id).lastError()).contains("reply-unreadable");
        assertThat(sink.getReceivedMessages()).isEmpty();
    }

    @Test
    void storeFailureAfterTheServerAcceptedIsSentAgainLaterNotStranded() throws Exception {
        startSink();
        long id = queueReply(conversation(true), "words", false);
        FlakyOutbox flaky = new FlakyOutbox(store.outbox());
        flaky.failMarkSent = true;

        dispatcher(Map.of(), transport(Map.of()), flaky).runOnce();
        assertThat(entry(id).status()).isEqualTo(OutboxStatus.QUEUED);
        assertThat(entry(id).lastError()).contains("internal-error");

        flaky.failMarkSent = false;
        clock.advance(Duration.ofSeconds(30));
        dispatcher(Map.of(), transport(Map.of()), flaky).runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
        MimeMessage[] got = sink.getReceivedMessages();
        assertThat(got).hasSize(2);
        assertThat(got[1].getMessageID()).isEqualTo(got[0].getMessageID());
    }

    @Test
    void entryLeftSendingByAStoreOutageIsRecoveredByTheNextRun() throws Exception {
        startSink();
        long id = queueReply(conversation(true), "words", false);
        FlakyOutbox flaky = new FlakyOutbox(store.outbox());
        flaky.failMarkSent = true;
        flaky.failMarkRetry = true;

        OutboxDispatcher dispatcher = dispatcher(Map.of(), transport(Map.of()), flaky);
        dispatcher.runOnce();
        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENDING);
        flaky.failMarkSent = false;
        flaky.failMarkRetry = false;

        dispatcher.runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(sink.getReceivedMessages()).hasSize(2);
    }

    @Test
    void entryFailingUnexpectedlyIsPutBackAndDoesNotBlockTheOthers() throws Exception {
        startSink();
        String handle = conversation(true);
        long poisoned = queueReply(handle, "first", false);
        long healthy = queueReply(handle, "second", false);
        FlakyOutbox flaky = new FlakyOutbox(store.outbox());
        flaky.failMarkSendingOf = poisoned;

        dispatcher(Map.of(), transport(Map.of()), flaky).runOnce();
        assertThat(entry(poisoned).status()).isEqualTo(OutboxStatus.QUEUED);
        assertThat(entry(poisoned).lastError()).contains("internal-error");
        assertThat(entry(poisoned).nextAttempt()).isAfter(clock.instant());

        dispatcher(Map.of(), transport(Map.of()), flaky).runOnce();

        assertThat(entry(healthy).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(entry(poisoned).status()).isEqualTo(OutboxStatus.QUEUED);
    }

    @Test
    void retryAfterGivingUpStartsAFullNewEffort() throws Exception {
        long id = queueReply(conversation(true), "words", false);
        for (int i = 0; i < 200 && entry(id).status() == OutboxStatus.QUEUED; i++) {
            dispatcher(Map.of()).runOnce();
            clock.advance(Duration.ofHours(1));
        }
        assertThat(entry(id).status()).isEqualTo(OutboxStatus.FAILED);

        store.outbox().retry(id, false, clock.instant());
        dispatcher(Map.of()).runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.QUEUED);
        assertThat(entry(id).attempts()).isEqualTo(1);
        assertThat(Duration.between(clock.instant(), entry(id).nextAttempt())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void neverAnswersTheTipAddressItself() throws Exception {
        startSink();
        String handle = handles.assign(
                        Channel.EMAIL,
                        "tips+loop@localhost",
                        ReplyAddress.of(Channel.EMAIL, "Tips+loop@LOCALHOST"),
                        clock.instant())
                .value();
        long id = queueReply(handle, "words", true);

        dispatcher(Map.of()).runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(entry(id).lastError()).contains("own-address");
        assertThat(sink.getReceivedMessages()).isEmpty();
    }

    @Test
    void shownTimesAreNoFinerThanReceiveTimes() throws Exception {
        startSink();
        clock.advance(Duration.ofMinutes(37));
        long id = queueReply(conversation(true), "words", false);

        dispatcher(Map.of()).runOnce();

        OutboxEntry sent = entry(id);
        assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
        assertThat(sent.updated()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(sent.nextAttempt()).isEqualTo(Instant.EPOCH);
    }

    private String signalConversation() {
        return handles.assign(
                        Channel.SIGNAL,
                        "8f2c6a0e-3b1d-4e7a-9c55-0d1e2f3a4b5c",
                        new ReplyAddress(
                                Channel.SIGNAL,
                                "8f2c6a0e-3b1d-4e7a-9c55-0d1e2f3a4b5c",
                                Optional.empty(),
                                Optional.of(604800)),
                        clock.instant())
                .value();
    }

    private long queueSignalReply(String handle, String text) throws Exception {
        return store.outbox()
                .queueReply(new NewReply(
                        handle, Channel.SIGNAL, sealForBridge(handle, text), new byte[] {1}, false, clock.instant()));
    }

    @Test
    void signalReplyGoesToTheAciWithTheSourcesTimer() throws Exception {
        String handle = signalConversation();
        long id = queueSignalReply(handle, "Is the truck still there?");

        dispatcher(Map.of()).runOnce();

        assertThat(entry(id).status()).isEqualTo(OutboxStatus.SENT);
        assertThat(signalSends)
                .singleElement()
                .satisfies(s -> assertThat(s)
                        .startsWith("8f2c6a0e-3b1d-4e7a-9c55-0d1e2f3a4b5c|604800|")
                        .contains("[" + handle + "]")
                        .endsWith("Is the truck still there?"));
    }

    @Test
    void signalResultsMapToTheDocumentedStates() throws Exception {
        String handle = signalConversation();
        long changed = queueSignalReply(handle, "one");
        signalResult = new SendResult.Hold("safety-number-changed");
        dispatcher(Map.of()).runOnce();
        assertThat(entry(changed).status()).isEqualTo(OutboxStatus.NEEDS_DECISION);
        assertThat(entry(changed).lastError()).contains("safety-number-changed");

        long limited = queueSignalReply(handle, "two");
        signalResult = new SendResult.Temporary("signal-rate-limit", Optional.of(Duration.ofHours(2)));
        dispatcher(Map.of()).runOnce();
        assertThat(Duration.between(clock.instant(), entry(limited).nextAttempt()))
                .isEqualTo(Duration.ofHours(2));

        store.outbox().cancel(limited, clock.instant());
        long gone = queueSignalReply(handle, "three");
        signalResult = new SendResult.Permanent("source-gone");
        dispatcher(Map.of()).runOnce();
        assertThat(entry(gone).status()).isEqualTo(OutboxStatus.FAILED);
        assertThat(entry(gone).lastError()).contains("source-gone");
    }

    @Test
    void encryptedReplyHidesTheSubjectAndOpensWithTheSourceKey() throws Exception {
        startSink();
        String handle = conversation(true);
        queueReply(handle, "Meet the ranger at the gate.", false);

        dispatcher(Map.of()).runOnce();

        MimeMessage m = sink.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("...");
        String raw = raw(m);
        assertThat(raw).doesNotContain("Meet the ranger").doesNotContain("your report");
        int begin = raw.indexOf("-----BEGIN PGP MESSAGE-----");
        int end = raw.indexOf("-----END PGP MESSAGE-----") + 25;
        var opened = PGP.decrypt(
                new java.io.ByteArrayInputStream(raw.substring(begin, end).getBytes(StandardCharsets.US_ASCII)),
                new org.tipbridge.pgp.DecryptOptions(
                        SOURCE.key(), List.of(BRIDGE.certificate()), fp -> Optional.empty(), 1 << 20));
        String inner = new String(opened.readAllBytes(), StandardCharsets.UTF_8);
        opened.close();
        assertThat(inner).contains("Re: your report [" + handle + "]").contains("Meet the ranger at the gate.");
    }

    private static String raw(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private String conversation(boolean withKey) {
        Optional<byte[]> key = withKey ? Optional.of(SOURCE.certificate().encoded()) : Optional.empty();
        return handles.assign(
                        Channel.EMAIL,
                        SOURCE_ADDRESS,
                        new ReplyAddress(Channel.EMAIL, SOURCE_ADDRESS, key, Optional.empty()),
                        clock.instant())
                .value();
    }

    private long queueReply(String handle, String text, boolean allowPlaintext) throws Exception {
        return store.outbox()
                .queueReply(new NewReply(
                        handle,
                        Channel.EMAIL,
                        sealForBridge(handle, text),
                        new byte[] {1},
                        allowPlaintext,
                        clock.instant()));
    }

    private static byte[] sealForBridge(String handle, String text) throws Exception {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (var out = PGP.encrypt(sealed, EncryptOptions.to(List.of(BRIDGE.certificate())))) {
            out.write(new ReplyCodec().encode(ReplyDocument.of(handle, text)));
        }
        return sealed.toByteArray();
    }

    private OutboxEntry entry(long id) {
        return store.outbox().get(id).orElseThrow();
    }

    private void startSink() {
        sink = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        sink.start();
    }

    private TipbridgeConfig config(Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("TIPBRIDGE_OUTBOUND_SMTP_HOST", "127.0.0.1");
        all.put("TIPBRIDGE_OUTBOUND_SMTP_PORT", Integer.toString(port));
        all.put("TIPBRIDGE_OUTBOUND_TIMEOUT_SECONDS", "2");
        return ConfigLoader.load(tmp, all);
    }

    private MailTransport transport(Map<String, String> env) throws Exception {
        TipbridgeConfig config = config(env);
        return new SmtpTransport(config.outbound(), "127.0.0.1", port, Optional.empty(), "localhost");
    }

    private OutboxDispatcher dispatcher(Map<String, String> env) throws Exception {
        return dispatcher(env, transport(env));
    }

    private OutboxDispatcher dispatcher(Map<String, String> env, MailTransport transport) throws Exception {
        return dispatcher(env, transport, store.outbox());
    }

    private OutboxDispatcher dispatcher(Map<String, String> env, MailTransport transport, Outbox outbox)
            throws Exception {
        return OutboxDispatcher.create(
                outbox, handles, secrets, PGP, BRIDGE.key(), config(env), transport, signalSender, clock);
    }

    /** The real outbox, with failures the test switches on (a store error at a chosen step). */
    private static final class FlakyOutbox implements Outbox {
        private final Outbox real;
        volatile boolean failMarkSent;
        volatile boolean failMarkRetry;
        volatile long failMarkSendingOf = -1;

        FlakyOutbox(Outbox real) {
            this.real = real;
        }

        @Override
        public long queueReply(NewReply reply) {
            return real.queueReply(reply);
        }

        @Override
        public List<OutboxEntry> list(int limit) {
            return real.list(limit);
        }

        @Override
        public Map<OutboxStatus, Integer> countByStatus() {
            return real.countByStatus();
        }

        @Override
        public Optional<OutboxEntry> get(long id) {
            return real.get(id);
        }

        @Override
        public List<OutboxItem> conversation(String handle) {
            return real.conversation(handle);
        }

        @Override
        public List<OutboxItem> due(Instant now, int limit) {
            return real.due(now, limit);
        }

        @Override
        public boolean markSending(long id, SendClaim claim, Instant now) {
            if (id == failMarkSendingOf) {
                throw new StoreException("simulated store failure");
            }
            return real.markSending(id, claim, now);
        }

        @Override
        public boolean markSent(long id, Instant now) {
            if (failMarkSent) {
                throw new StoreException("simulated store failure");
            }
            return real.markSent(id, now);
        }

        @Override
        public boolean markRetry(long id, Instant nextAttempt, String reason, Instant now) {
            if (failMarkRetry) {
                throw new StoreException("simulated store failure");
            }
            return real.markRetry(id, nextAttempt, reason, now);
        }

        @Override
        public boolean markFailed(long id, String reason, Instant now) {
            return real.markFailed(id, reason, now);
        }

        @Override
        public boolean markNeedsDecision(long id, String reason, Instant now) {
            return real.markNeedsDecision(id, reason, now);
        }

        @Override
        public boolean cancel(long id, Instant now) {
            return real.cancel(id, now);
        }

        @Override
        public boolean retry(long id, boolean allowPlaintext, Instant now) {
            return real.retry(id, allowPlaintext, now);
        }

        @Override
        public boolean markRetryKeepingTrust(long id, Instant nextAttempt, String reason, Instant now) {
            return real.markRetryKeepingTrust(id, nextAttempt, reason, now);
        }

        @Override
        public int releaseForTrust(String handle, byte[] sealedTrust, Instant now) {
            return real.releaseForTrust(handle, sealedTrust, now);
        }

        @Override
        public int recoverInterrupted(Instant now) {
            return real.recoverInterrupted(now);
        }

        @Override
        public int recoverAbandoned(String claimant, Instant staleBefore, Instant now) {
            return real.recoverAbandoned(claimant, staleBefore, now);
        }
    }

    /** Stands for the process dying at that instant: nothing after it runs (an Error: nobody handles it). */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
