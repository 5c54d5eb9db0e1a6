// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.handle.Handles;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.handle.ReplyAddress;
import org.tipbridge.bridge.handle.ReplyAddressBox;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.MutableClock;
import org.tipbridge.bridge.store.NewReply;
import org.tipbridge.bridge.store.OutboxStatus;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.TestDatabases;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.ConfigTemplate;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.EncryptOptions;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;

/**
 * Two outbox dispatchers on one store (two nodes): a run re-queues only its own leftovers and
 * claims older than the stale age, never a send another dispatcher is still making.
 */
class OutboxClaimsTest {
    private static final OpenPgp PGP = OpenPgp.create();
    private static final GeneratedKey BRIDGE = generate("bridge");
    private static final GeneratedKey SOURCE = generate("source");

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final AtomicInteger sends = new AtomicInteger();
    private final MailTransport counting = (from, to, message) -> {
        sends.incrementAndGet();
        return new SendResult.Sent();
    };
    private TipbridgeConfig config;
    private RecordStore store;
    private Handles handles;
    private MappingSecrets secrets;

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
        TestDatabases.useIn(tmp);
        config = ConfigLoader.load(
                tmp, Map.of("TIPBRIDGE_OUTBOUND_SMTP_HOST", "127.0.0.1", "TIPBRIDGE_OUTBOUND_TIMEOUT_SECONDS", "2"));
        store = RecordStore.open(config.store());
        secrets = MappingSecrets.generate(tmp.resolve("mapping.key"));
        handles = new Handles(store, secrets, new ReplyAddressBox(secrets), new SecureRandom());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aLiveDispatchersSendIsNotRepeatedByAnotherDispatchersRun() throws Exception {
        long id = queueReply();
        CountDownLatch handedOver = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MailTransport hanging = (from, to, message) -> {
            sends.incrementAndGet();
            handedOver.countDown();
            await(release);
            return new SendResult.Sent();
        };
        OutboxDispatcher a = dispatcher("node-a", hanging);
        CompletableFuture<Integer> runA = CompletableFuture.supplyAsync(a::runOnce);
        assertThat(handedOver.await(30, TimeUnit.SECONDS)).isTrue();

        clock.advance(staleAge().minusSeconds(2));
        assertThat(dispatcher("node-b", counting).runOnce()).isZero();
        assertThat(status(id)).isEqualTo(OutboxStatus.SENDING);

        release.countDown();
        assertThat(runA.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(status(id)).isEqualTo(OutboxStatus.SENT);
        assertThat(sends).hasValue(1);
    }

    @Test
    void anotherDispatchersClaimIsQueuedAgainOnceStale() throws Exception {
        long id = queueReply();
        crashWhileSending(dispatcher("node-a", crashing()));
        OutboxDispatcher b = dispatcher("node-b", counting);

        clock.advance(staleAge().minusSeconds(2));
        b.runOnce();
        assertThat(status(id)).isEqualTo(OutboxStatus.SENDING);

        clock.advance(Duration.ofSeconds(4));
        assertThat(b.runOnce()).isEqualTo(1);
        assertThat(status(id)).isEqualTo(OutboxStatus.SENT);
        assertThat(sends).hasValue(1);
    }

    @Test
    void aDispatchersOwnLeftoverIsQueuedAgainByItsNextRun() throws Exception {
        long id = queueReply();
        MailTransport crashOnce = new MailTransport() {
            private boolean crashed;

            @Override
            public SendResult send(String from, String to, byte[] message) {
                if (!crashed) {
                    crashed = true;
                    throw new SimulatedCrash();
                }
                return counting.send(from, to, message);
            }
        };
        OutboxDispatcher a = dispatcher("node-a", crashOnce);
        crashWhileSending(a);

        assertThat(a.runOnce()).isEqualTo(1);
        assertThat(status(id)).isEqualTo(OutboxStatus.SENT);
        assertThat(sends).hasValue(1);
    }

    @Test
    void soleDispatcherRestartedAfterACrashSendsTheInterruptedEntryAtOnce() throws Exception {
        long id = queueReply();
        crashWhileSending(dispatcher("before-crash", crashing()));

        OutboxDispatcher restarted = dispatcher("after-restart", counting);
        restarted.recoverAll();
        assertThat(restarted.runOnce()).isEqualTo(1);

        assertThat(status(id)).isEqualTo(OutboxStatus.SENT);
        assertThat(sends).hasValue(1);
    }

    @Test
    void staleAgeCoversEverySendStepTheFailoverAndAMargin() {
        assertThat(staleAge()).isEqualTo(Duration.ofSeconds(2 * 16 + 30 + 60));
    }

    private Duration staleAge() {
        return StaleClaims.staleAge(config.outbound(), config.cluster());
    }

    private void crashWhileSending(OutboxDispatcher d) {
        assertThatThrownBy(d::runOnce).isInstanceOf(SimulatedCrash.class);
    }

    private static MailTransport crashing() {
        return (from, to, message) -> {
            throw new SimulatedCrash();
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private OutboxDispatcher dispatcher(String instanceId, MailTransport transport) {
        return OutboxDispatcher.create(
                store.outbox(),
                handles,
                secrets,
                PGP,
                BRIDGE.key(),
                config,
                transport,
                SignalSender.NONE,
                clock,
                instanceId);
    }

    private OutboxStatus status(long id) {
        return store.outbox().get(id).orElseThrow().status();
    }

    private long queueReply() throws Exception {
        String address = "source@example.org";
        String handle = handles.assign(
                        Channel.EMAIL,
                        address,
                        new ReplyAddress(
                                Channel.EMAIL,
                                address,
                                Optional.of(SOURCE.certificate().encoded()),
                                Optional.empty()),
                        clock.instant())
                .value();
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (var out = PGP.encrypt(sealed, EncryptOptions.to(List.of(BRIDGE.certificate())))) {
            out.write(new ReplyCodec().encode(ReplyDocument.of(handle, "words")));
        }
        return store.outbox()
                .queueReply(new NewReply(
                        handle, Channel.EMAIL, sealed.toByteArray(), new byte[] {1}, false, clock.instant()));
    }

    /** Stands for the process dying at that instant (an Error: nobody handles it). */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }
}
