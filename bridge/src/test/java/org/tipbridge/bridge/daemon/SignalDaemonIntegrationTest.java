// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.RecordSummary;
import org.tipbridge.bridge.testing.LeakScanner;
import org.tipbridge.bridge.testing.TipbridgeJar;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.signal.Endpoint;
import org.tipbridge.signal.FakeSignalCli;

/** The daemon with a Signal channel against a fake signal-cli on a real UNIX socket. */
class SignalDaemonIntegrationTest {
    private static final String NUMBER = "+4915112345678";
    private static final String NAME = "Ranger Amina";
    private static final int BURST = 1000;
    private static final int SENDERS = 5;

    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();
    private GreenMail mailbox;
    private FakeSignalCli signalCli;
    private TipbridgeConfig config;
    private Path dataDir;

    @BeforeEach
    void setUp() throws Exception {
        Home home = new Home(tmp.resolve("home"));
        int imap = TipbridgeJar.freePort();
        new HomeInitializer(OpenPgp.create(), new SecureRandom(), Map.of()).create(home, true);
        org.tipbridge.bridge.store.TestDatabases.useIn(home.dir());
        String password =
                Files.readString(home.dir().resolve("secrets/mailbox-password")).trim();
        mailbox = new GreenMail(new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        mailbox.start();
        mailbox.setUser("tips@localhost", "tips@localhost", password);
        signalCli = FakeSignalCli.start(Files.createDirectories(tmp.resolve("run")));
        dataDir =
                Files.createDirectories(tmp.resolve("signal-data/attachments")).getParent();
        Endpoint.Unix socket = (Endpoint.Unix) signalCli.endpoint(FakeSignalCli.Transport.UNIX);
        env.put("TIPBRIDGE_MAILBOX_HOST", "127.0.0.1");
        env.put("TIPBRIDGE_MAILBOX_IMAP_PORT", Integer.toString(imap));
        env.put("TIPBRIDGE_SIGNAL_SOCKET", socket.socket().toString());
        env.put("TIPBRIDGE_SIGNAL_DATA_DIR", dataDir.toString());
        // 200 messages each from 5 senders test loss and duplication, not the rate limits
        env.put("TIPBRIDGE_FLOODS_SENDER_BURST", "100000");
        env.put("TIPBRIDGE_FLOODS_CHANNEL_BURST", "100000");
        config = ConfigLoader.load(home.dir(), env);
    }

    @AfterEach
    void tearDown() throws Exception {
        signalCli.close();
        mailbox.stop();
    }

    private static String aci(int sender) {
        return String.format("8f2c6a0e-3b1d-4e7a-9c55-%012d", sender);
    }

    private static byte[] envelope(int sender, long timestamp, String text) {
        return ("{\"envelope\":{\"sourceNumber\":\"" + NUMBER + "\",\"sourceUuid\":\"" + aci(sender)
                        + "\",\"sourceName\":\"" + NAME + "\",\"sourceDevice\":2,\"timestamp\":" + timestamp
                        + ",\"dataMessage\":{\"timestamp\":" + timestamp + ",\"message\":\"" + text + "\"}},"
                        + "\"account\":\"+254712345678\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void burstWithSocketDropsLosesNothingAndDuplicatesNothing() throws Exception {
        for (int i = 0; i < BURST; i++) {
            signalCli.push(envelope(i % SENDERS, 1_764_000_000_000L + i, "tip number " + i));
        }
        List<Integer> dropsAfter = List.of(BURST / 4, BURST * 3 / 5);
        dropsAfter.forEach(signalCli::dropConnectionsAfterWriting);
        Daemon daemon = Daemon.start(config, env);
        try {
            awaitTrue(() -> signalCli.written().size() >= BURST);
            signalCli.push(("{\"envelope\":{\"sourceUuid\":\"" + aci(9) + "\",\"timestamp\":1},\"exception\":"
                            + "{\"message\":\"from " + NUMBER + "\",\"type\":\"ProtocolInvalidMessageException\"}}")
                    .getBytes(StandardCharsets.UTF_8));
            awaitTrue(() -> count() == BURST);
            awaitTrue(() -> DaemonStatus.read(DaemonStatus.file(config))
                    .map(s -> s.channels().containsKey("signal")
                            && s.channels().get("signal").state().equals("connected")
                            && Long.valueOf(1).equals(s.channels().get("signal").undecryptable())
                            && "0.14.0".equals(s.channels().get("signal").upstreamVersion())
                            && Long.valueOf(0).equals(s.channels().get("signal").spoolPending()))
                    .orElse(false));
        } finally {
            daemon.close();
        }
        assertThat(signalCli.written().size()).isEqualTo(BURST + 1);
        List<Integer> writtenTo = signalCli.writtenTo();
        for (int n : dropsAfter) {
            assertThat(writtenTo.get(n))
                    .as("the drop after envelope %d landed mid-burst: the next went to a new connection", n)
                    .isGreaterThan(writtenTo.get(n - 1));
        }
        try (RecordStore store = RecordStore.open(config.store())) {
            List<RecordSummary> records = store.list(2 * BURST);
            assertThat(records)
                    .hasSize(BURST)
                    .allSatisfy(r -> assertThat(r.channel()).isEqualTo(Channel.SIGNAL));
            assertThat(records.stream().collect(Collectors.groupingBy(RecordSummary::handle, Collectors.counting())))
                    .as("one handle per sender, each with exactly its own messages")
                    .hasSize(SENDERS)
                    .allSatisfy((handle, n) -> assertThat(n).isEqualTo((long) BURST / SENDERS));
            assertThat(store.quarantineCount()).isZero();
        }
        List<String> hits = new LeakScanner()
                .identifier(NUMBER)
                .identifier(NAME)
                .identifier(aci(1))
                .identifier("+254712345678")
                .scanTree(org.tipbridge.bridge.store.TestDatabases.dumpHome(tmp.resolve("home")));
        assertThat(hits).isEmpty();
    }

    @Test
    void attachmentIsSealedAndItsFileDeleted() throws Exception {
        Path file = Files.write(dataDir.resolve("attachments/Q1w2E3r4.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 9});
        String json =
                "{\"envelope\":{\"sourceUuid\":\"" + aci(7) + "\",\"timestamp\":5,\"dataMessage\":{\"timestamp\":5,"
                        + "\"attachments\":[{\"contentType\":\"image/jpeg\",\"id\":\"Q1w2E3r4.jpg\",\"size\":3}]}}}";
        Daemon daemon = Daemon.start(config, env);
        try {
            signalCli.push(json.getBytes(StandardCharsets.UTF_8));
            awaitTrue(() -> count() == 1);
        } finally {
            daemon.close();
        }
        assertThat(Files.exists(file)).isFalse();
    }

    private int count() {
        try (RecordStore store = RecordStore.open(config.store())) {
            return store.count();
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(100);
        }
    }
}
