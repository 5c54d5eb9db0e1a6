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
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.handle.Handles;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.handle.ReplyAddress;
import org.tipbridge.bridge.handle.ReplyAddressBox;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.NewReply;
import org.tipbridge.bridge.store.OutboxEntry;
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
 * What the trust dispatch tests share: a real SQLite store and handles, the bridge key, the real
 * dispatcher, and {@link FakeSignalCli} on a real UNIX socket; helpers hold, release and inspect
 * entries.
 */
abstract class SignalTrustDispatchFixture {
    static final OpenPgp PGP = OpenPgp.create();
    static final GeneratedKey BRIDGE = generate();
    static final String ACI = "8f2c6a0e-3b1d-4e7a-9c55-0d1e2f3a4b5c";
    static final String DIGITS = "123451234512345123451234512345678906789067890678906789067890";

    @TempDir
    Path tmp;

    final Clock clock = new MovableClock();
    FakeSignalCli peer;
    TipbridgeConfig config;
    RecordStore store;
    Handles handles;
    MappingSecrets secrets;
    SignalCliSender sender;

    static GeneratedKey generate() {
        try {
            return PGP.generateKey("bridge <bridge@example.org>", new char[0]);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(tmp.resolve(ConfigLoader.FILE_NAME), ConfigTemplate.text());
        org.tipbridge.bridge.store.TestDatabases.useIn(tmp);
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

    /** An unverified decision taken now, by the test's clock. */
    TrustDecision unverified() {
        return new TrustDecision.AllKnownKeys(clock.instant());
    }

    void runOnce() throws Exception {
        OutboxDispatcher.create(
                        store.outbox(), handles, secrets, PGP, BRIDGE.key(), config, MailTransport.NONE, sender, clock)
                .runOnce();
    }

    List<String> trustAndSendCalls() {
        return peer.methodsCalled().stream()
                .filter(m -> m.equals("trust") || m.equals("send"))
                .toList();
    }

    String conversation() {
        return handles.assign(
                        Channel.SIGNAL,
                        ACI,
                        new ReplyAddress(Channel.SIGNAL, ACI, Optional.empty(), Optional.empty()),
                        clock.instant())
                .value();
    }

    long queueReply(String handle) throws Exception {
        byte[] text = seal(new ReplyCodec().encode(ReplyDocument.of(handle, "Are you safe?")));
        return store.outbox()
                .queueReply(new NewReply(handle, Channel.SIGNAL, text, new byte[] {1}, false, clock.instant()));
    }

    /** A reply held because the source's safety number changed, as the dispatcher leaves it. */
    long heldReply(String handle) throws Exception {
        long id = queueReply(handle);
        store.outbox().markSending(id, clock.instant());
        store.outbox().markNeedsDecision(id, TrustHolds.SAFETY_NUMBER_CHANGED, clock.instant());
        return id;
    }

    void release(String handle, TrustDecision decision) throws Exception {
        byte[] sealed = seal(new TrustRequest(handle, decision).encode());
        assertThat(store.outbox().releaseForTrust(handle, sealed, clock.instant()))
                .isEqualTo(1);
    }

    static byte[] seal(byte[] plaintext) throws Exception {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (var out = PGP.encrypt(sealed, EncryptOptions.to(List.of(BRIDGE.certificate())))) {
            out.write(plaintext);
        }
        return sealed.toByteArray();
    }

    OutboxEntry entry(long id) {
        return store.outbox().get(id).orElseThrow();
    }

    byte[] rawTrust(long id) {
        try (var c = org.tipbridge.bridge.store.TestDatabases.connect(config.store());
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
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");

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
