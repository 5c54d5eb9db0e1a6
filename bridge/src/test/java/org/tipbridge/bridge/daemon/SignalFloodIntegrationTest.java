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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.store.QuarantineEntry;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.RecordSummary;
import org.tipbridge.bridge.testing.TipbridgeJar;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.signal.Endpoint;
import org.tipbridge.signal.FakeSignalCli;

/**
 * A Signal flood through the real daemon and a signal-cli peer: one ACI sends {@link #FLOOD}
 * messages within 20 s while other sources write every 2 s. Their tips are committed within 5 s;
 * the flood beyond the sender's burst becomes rate-limited quarantine rows without copies; every
 * envelope is accounted for once and the spool is empty afterwards.
 */
class SignalFloodIntegrationTest {
    /** Fewer than the e-mail flood: each spooled envelope is sealed and opened with the bridge key. */
    private static final int FLOOD = 1_000;

    private static final String FLOODER = "0b5e1c7d-2a3f-4e6b-8c9d-000000000001";

    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();
    private GreenMail mailbox;
    private FakeSignalCli signalCli;
    private TipbridgeConfig config;

    @BeforeEach
    void setUp() throws Exception {
        Home home = new Home(tmp.resolve("home"));
        int imap = TipbridgeJar.freePort();
        new HomeInitializer(OpenPgp.create(), new SecureRandom(), Map.of()).create(home, true);
        String password =
                Files.readString(home.dir().resolve("secrets/mailbox-password")).trim();
        mailbox = new GreenMail(new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        mailbox.start();
        mailbox.setUser("tips@localhost", "tips@localhost", password);
        signalCli = FakeSignalCli.start(Files.createDirectories(tmp.resolve("run")));
        Path dataDir =
                Files.createDirectories(tmp.resolve("signal-data/attachments")).getParent();
        Endpoint.Unix socket = (Endpoint.Unix) signalCli.endpoint(FakeSignalCli.Transport.UNIX);
        env.put("TIPBRIDGE_MAILBOX_HOST", "127.0.0.1");
        env.put("TIPBRIDGE_MAILBOX_IMAP_PORT", Integer.toString(imap));
        env.put("TIPBRIDGE_SIGNAL_SOCKET", socket.socket().toString());
        env.put("TIPBRIDGE_SIGNAL_DATA_DIR", dataDir.toString());
        config = ConfigLoader.load(home.dir(), env);
    }

    @AfterEach
    void tearDown() throws Exception {
        signalCli.close();
        mailbox.stop();
    }

    private static byte[] envelope(String aci, long timestamp, String text) {
        return ("{\"envelope\":{\"sourceUuid\":\"" + aci + "\",\"sourceDevice\":1,\"timestamp\":" + timestamp
                        + ",\"dataMessage\":{\"timestamp\":" + timestamp + ",\"message\":\"" + text + "\"}},"
                        + "\"account\":\"+254712345678\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void signalFloodFromOneAciIsQuarantinedAndDelaysNoOtherTipBeyondFiveSeconds() throws Exception {
        List<Long> delays = new ArrayList<>();
        int others = 0;
        Daemon daemon = Daemon.start(config, env);
        try (RecordStore store = RecordStore.open(config.store())) {
            awaitTrue(() -> "connected".equals(signalState()), Duration.ofSeconds(30));
            Thread feeder = new Thread(this::feed, "signal-flood-feeder");
            feeder.start();
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(2_000);
                long pushed = System.nanoTime();
                String aci = String.format("0b5e1c7d-2a3f-4e6b-8c9d-%012d", 100 + others);
                signalCli.push(envelope(aci, 1_765_000_000_000L + others, "a real tip " + others));
                others++;
                int expected = others;
                awaitTrue(() -> otherRecords(store) >= expected, Duration.ofSeconds(30));
                delays.add((System.nanoTime() - pushed) / 1_000_000);
            }
            feeder.join();
            int total = FLOOD + others;
            awaitTrue(() -> store.count() + store.quarantineCount() >= total, Duration.ofSeconds(120));
        } finally {
            daemon.close();
        }
        System.out.printf("signal flood: %d other tips, delays %s ms%n", others, delays);
        assertThat(delays)
                .hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(5_000));
        try (RecordStore store = RecordStore.open(config.store())) {
            Map<String, Long> perHandle = perHandle(store);
            long floodRecords =
                    perHandle.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            List<QuarantineEntry> quarantine = store.quarantined(2 * FLOOD);
            assertThat(floodRecords).isBetween(20L, 21L);
            assertThat(perHandle).hasSize(others + 1);
            assertThat(quarantine).hasSize(FLOOD - (int) floodRecords).allSatisfy(q -> {
                assertThat(q.reasonCode()).isEqualTo("rate-limited");
                assertThat(q.originalBlob()).isEmpty();
            });
            assertThat(store.count() + quarantine.size()).isEqualTo(FLOOD + others);
        }
        DaemonStatus status = DaemonStatus.read(DaemonStatus.file(config)).orElseThrow();
        assertThat(status.floods().get("signal").rateLimited()).isEqualTo(FLOOD - 20L);
        assertThat(status.channels().get("signal").spoolPending()).isZero();
    }

    private void feed() {
        long start = System.nanoTime();
        long step = Duration.ofSeconds(20).toNanos() / FLOOD;
        for (int i = 0; i < FLOOD; i++) {
            long wait = start + i * step - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            signalCli.push(envelope(FLOODER, 1_764_000_000_000L + i, "flood " + i));
        }
    }

    private String signalState() {
        return DaemonStatus.read(DaemonStatus.file(config))
                .map(s -> s.channels().containsKey("signal")
                        ? s.channels().get("signal").state()
                        : "")
                .orElse("");
    }

    private static long otherRecords(RecordStore store) {
        Map<String, Long> perHandle = perHandle(store);
        long flood =
                perHandle.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return perHandle.values().stream().mapToLong(Long::longValue).sum() - (flood >= 20 ? flood : 0);
    }

    private static Map<String, Long> perHandle(RecordStore store) {
        return store.list(100_000).stream()
                .collect(Collectors.groupingBy(RecordSummary::handle, Collectors.counting()));
    }

    private static void awaitTrue(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + limit.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }
}
