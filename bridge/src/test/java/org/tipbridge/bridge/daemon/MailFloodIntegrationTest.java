// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.store.QuarantineEntry;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.RecordSummary;
import org.tipbridge.bridge.testing.MailBuilder;
import org.tipbridge.bridge.testing.TipbridgeJar;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.OpenPgp;

/**
 * A flood from one sender within a minute, through the real daemon
 * against GreenMail, while other sources' tips keep arriving. Their tips must be committed within
 * 5 s of delivery; the flood beyond its sender's bucket is quarantined as rate-limited (rows, no
 * copies) or dropped; every message is accounted for exactly once; the home hardly grows.
 */
class MailFloodIntegrationTest {
    private static final String FLOODER = "flooder@example.org";
    /**
     * The flood: {@link #FLOOD} messages over {@link #FLOOD_SECONDS}. The issue asks for 10,000 in a
     * minute; against GreenMail on the shared 2-core build machine that rate could not be delivered
     * and read back (GreenMail's cost per message grows with the folder: see bench/README.md), and
     * the benchmark proves it against Dovecot. The suite floods at 3,000 a minute for 20 s, 50 times
     * the sender's burst; -Dtipbridge.flood.messages=10000 -Dtipbridge.flood.seconds=60 runs the
     * issue's numbers.
     */
    private static final int FLOOD = Integer.getInteger("tipbridge.flood.messages", 1_000);

    private static final int FLOOD_SECONDS = Integer.getInteger("tipbridge.flood.seconds", 20);

    private static final long MAX_DELAY_MS = 5_000;
    /** The home may grow by this much for the whole flood (rows of ~100 bytes; each mail is ~4 KB). */
    private static final long MAX_HOME_GROWTH = 8L * 1024 * 1024;

    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();
    private GreenMail mailbox;
    private GreenMailUser user;
    private Path home;
    private int imap;
    private String password;
    private final Session mime = Session.getInstance(new Properties());

    @BeforeEach
    void setUp() throws Exception {
        Home h = new Home(tmp.resolve("home"));
        home = h.dir();
        imap = TipbridgeJar.freePort();
        env.put("TIPBRIDGE_MAILBOX_HOST", "127.0.0.1");
        env.put("TIPBRIDGE_MAILBOX_IMAP_PORT", Integer.toString(imap));
        env.put("TIPBRIDGE_MAILBOX_POLL_SECONDS", "1");
        env.put("TIPBRIDGE_MAILBOX_RECONNECT_MAX_SECONDS", "1");
        new HomeInitializer(OpenPgp.create(), new SecureRandom(), Map.of()).create(h, true);
        password = Files.readString(home.resolve("secrets/mailbox-password")).trim();
        mailbox = new GreenMail(new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        mailbox.start();
        user = mailbox.setUser("tips@localhost", "tips@localhost", password);
    }

    @AfterEach
    void tearDown() {
        mailbox.stop();
    }

    @Test
    void floodFromOneSenderIsQuarantinedAndDelaysNoOtherTipBeyondFiveSeconds() throws Exception {
        TipbridgeConfig config = ConfigLoader.load(home, env);
        Daemon daemon = Daemon.start(config, env);
        long homeBefore = bytesUnder(home);
        Flood flood;
        try {
            flood = flood(config, FLOOD, Duration.ofSeconds(FLOOD_SECONDS), Duration.ofSeconds(1));
        } finally {
            daemon.close();
        }
        long grown = bytesUnder(home) - homeBefore;
        System.out.printf(
                "mail flood: %d other tips, delay p50 %d ms, max %d ms; home grew %d bytes%n",
                flood.delaysMs().size(), percentile(flood.delaysMs(), 50), percentile(flood.delaysMs(), 100), grown);

        assertThat(flood.delaysMs())
                .hasSizeGreaterThanOrEqualTo(FLOOD_SECONDS * 3 / 4)
                .allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(MAX_DELAY_MS));
        try (RecordStore store = RecordStore.open(config.store())) {
            Map<String, Long> perHandle = perHandle(store);
            long floodRecords =
                    perHandle.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            List<QuarantineEntry> quarantine = store.quarantined(20_000);
            assertThat(floodRecords)
                    .as("the sender's burst, plus what its bucket refilled")
                    .isBetween(20L, 23L);
            assertThat(perHandle).hasSize(flood.others() + 1);
            assertThat(quarantine).hasSize(FLOOD - (int) floodRecords).allSatisfy(q -> {
                assertThat(q.reasonCode()).isEqualTo("rate-limited");
                assertThat(q.originalBlob())
                        .as("no copy of a rate-limited message")
                        .isEmpty();
            });
            assertThat(store.count() + quarantine.size()).isEqualTo(FLOOD + flood.others());
        }
        assertThat(folderCount("INBOX")).isZero();
        int rows = FLOOD - (int) (store(config) - flood.others());
        // Copied, then expunged: a connection lost between the two (GreenMail under load times out)
        // leaves a batch in both folders, and it is copied again; its rows are not duplicated.
        assertThat(folderCount("Quarantine")).isBetween(rows, rows + 256);
        assertThat(grown).isLessThan(MAX_HOME_GROWTH);
        DaemonStatus status = DaemonStatus.read(DaemonStatus.file(config)).orElseThrow();
        assertThat(status.floods().get("email").rateLimited()).isEqualTo(rows);
        assertThat(status.floods().get("email").flooding()).isTrue();
    }

    @Test
    void withPolicyDropTheFloodIsCountedAndDeletedWithNothingStored() throws Exception {
        env.put("TIPBRIDGE_FLOODS_POLICY", "drop");
        TipbridgeConfig config = ConfigLoader.load(home, env);
        Daemon daemon = Daemon.start(config, env);
        Flood flood;
        try {
            flood = flood(config, 1_000, Duration.ofSeconds(20), Duration.ofSeconds(1));
        } finally {
            daemon.close();
        }
        assertThat(flood.delaysMs())
                .hasSizeGreaterThanOrEqualTo(12)
                .allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(MAX_DELAY_MS));
        long records = store(config);
        try (RecordStore store = RecordStore.open(config.store())) {
            assertThat(store.quarantineCount()).isZero();
        }
        assertThat(folderCount("INBOX")).isZero();
        assertThat(folderCount("Quarantine")).isZero();
        DaemonStatus status = DaemonStatus.read(DaemonStatus.file(config)).orElseThrow();
        assertThat(records + status.floods().get("email").rateLimited()).isEqualTo(1_000 + flood.others());
        assertThat(records - flood.others()).isBetween(20L, 21L);
    }

    /** Delays of the other sources' tips, and how many there were. */
    private record Flood(List<Long> delaysMs, int others) {}

    /**
     * Delivers {@code total} messages from {@link #FLOODER} evenly over {@code over} while another
     * source's tip arrives every {@code every}; waits until the mailbox is empty; returns each other
     * tip's delay from delivery to commit (polled every 20 ms).
     */
    private Flood flood(TipbridgeConfig config, int total, Duration over, Duration every) throws Exception {
        List<MimeMessage> messages = new ArrayList<>(total);
        String body = "flood ".repeat(700);
        for (int i = 0; i < total; i++) {
            messages.add(message(FLOODER, "f" + i, body + i));
        }
        Thread feeder = new Thread(() -> feed(messages, over), "flood-feeder");
        List<Long> delays = new ArrayList<>();
        int others = 0;
        try (RecordStore store = RecordStore.open(config.store())) {
            feeder.start();
            long end = System.nanoTime() + over.toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(every.toMillis());
                long delivered = System.nanoTime();
                user.deliver(message("source-" + others + "@example.org", "s" + others, "a real tip " + others));
                others++;
                int expected = others;
                awaitTrue(() -> otherRecords(store) >= expected, Duration.ofSeconds(30));
                delays.add((System.nanoTime() - delivered) / 1_000_000);
            }
            feeder.join();
            awaitTrue(() -> folderCountUnchecked("INBOX") == 0, Duration.ofSeconds(60));
        }
        return new Flood(delays, others);
    }

    private void feed(List<MimeMessage> messages, Duration over) {
        long start = System.nanoTime();
        long step = over.toNanos() / messages.size();
        for (int i = 0; i < messages.size(); i++) {
            long due = start + i * step;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            user.deliver(messages.get(i));
        }
    }

    private MimeMessage message(String from, String seed, String body) throws Exception {
        byte[] raw = MailBuilder.plain(MailBuilder.identifyingHeaders(from, seed), "tip", body);
        return new MimeMessage(mime, new ByteArrayInputStream(raw));
    }

    /** Records of every handle but the flooder's (the one with the most records once it has its burst). */
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

    private static long store(TipbridgeConfig config) {
        try (RecordStore store = RecordStore.open(config.store())) {
            return store.count();
        }
    }

    private int folderCountUnchecked(String name) {
        try {
            return folderCount(name);
        } catch (Exception e) {
            return -1;
        }
    }

    private int folderCount(String name) throws Exception {
        jakarta.mail.Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imap, "tips@localhost", password);
        try {
            jakarta.mail.Folder folder = store.getFolder(name);
            if (!folder.exists()) {
                return 0;
            }
            folder.open(jakarta.mail.Folder.READ_ONLY);
            int n = folder.getMessageCount();
            folder.close(false);
            return n;
        } finally {
            store.close();
        }
    }

    private static long bytesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
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
