// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.flood.ChannelFloods;
import org.tipbridge.bridge.flood.DiskGuard;
import org.tipbridge.bridge.flood.IntakeGuards;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.Outcome;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.testing.MailBuilder;
import org.tipbridge.bridge.testing.TipbridgeJar;
import org.tipbridge.conf.FloodsConfig;
import org.tipbridge.conf.MailboxConfig;

/** The mail intake's gate against GreenMail: rate limits before fetching, and the disk-low stop. */
class MailGateTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path tmp;

    private GreenMail mailbox;
    private GreenMailUser user;
    private MailIntake intake;
    private int imap;
    private final AtomicLong free = new AtomicLong(1024 * MIB);
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<String> rateLimited = new CopyOnWriteArrayList<>();
    private final List<String> oversize = new CopyOnWriteArrayList<>();
    private final AtomicInteger rateLimitedCalls = new AtomicInteger();
    private volatile boolean storeBroken;

    @BeforeEach
    void setUp() throws IOException {
        imap = TipbridgeJar.freePort();
        mailbox = new GreenMail(new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        mailbox.start();
        user = mailbox.setUser("tips@localhost", "tips@localhost", "secret");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (intake != null) {
            intake.stop(Duration.ofSeconds(10));
        }
        mailbox.stop();
    }

    private void start(FloodsConfig.Policy policy) {
        start(policy, imap);
    }

    /** Starts an intake (fresh rate limits, as after a restart) that reaches the server on {@code port}. */
    private void start(FloodsConfig.Policy policy, int port) {
        Path key = tmp.resolve("mapping.key");
        MappingSecrets secrets =
                java.nio.file.Files.exists(key) ? MappingSecrets.load(key) : MappingSecrets.generate(key);
        ChannelFloods floods = new ChannelFloods(
                Channel.EMAIL, new FloodsConfig(3, 1, 1000, 1000, policy), secrets, Clock.systemUTC());
        MailboxConfig config = new MailboxConfig(
                "127.0.0.1",
                port,
                imap + 1,
                MailboxConfig.Tls.NONE,
                "tips@localhost",
                Path.of("unused"),
                "INBOX",
                "Quarantine",
                "tips@localhost",
                true,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        intake = new MailIntake(
                config,
                "127.0.0.1",
                "secret".toCharArray(),
                1 << 20,
                new Recording(),
                java.util.Optional.empty(),
                new IntakeGuards(floods, new DiskGuard(free::get, 256 * MIB)));
        intake.start();
    }

    private void deliver(String from, String subject) throws Exception {
        deliverRaw("From: Some One <" + from + ">\r\nTo: tips@localhost\r\n", subject);
    }

    private void deliverRaw(String headers, String subject) throws Exception {
        byte[] raw = MailBuilder.plain(headers, subject, "body");
        user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    }

    @Test
    void floodBeyondTheSenderBurstIsQuarantinedUnfetchedAndOthersStillPass() throws Exception {
        start(FloodsConfig.Policy.QUARANTINE);
        for (int i = 0; i < 10; i++) {
            deliver("Flooder@Example.org", "flood " + i);
        }
        deliver("other@example.org", "other");
        deliver("no sender at all", "anonymous");
        awaitTrue(() -> folder("INBOX") == 0 && handled.size() == 5);

        assertThat(handled).containsExactly("flood 0", "flood 1", "flood 2", "other", "anonymous");
        assertThat(rateLimited).hasSize(7);
        assertThat(folder("Quarantine")).isEqualTo(7);
    }

    @Test
    void withPolicyDropTheFloodIsDeletedAndNothingIsQuarantined() throws Exception {
        start(FloodsConfig.Policy.DROP);
        for (int i = 0; i < 6; i++) {
            deliver("flooder@example.org", "flood " + i);
        }
        awaitTrue(() -> folder("INBOX") == 0);

        assertThat(handled).containsExactly("flood 0", "flood 1", "flood 2");
        assertThat(rateLimited).isEmpty();
        assertThat(folder("Quarantine")).isZero();
    }

    @Test
    void diskNearlyFullTakesNothingAndResumesWhenSpaceReturns() throws Exception {
        free.set(100 * MIB);
        start(FloodsConfig.Policy.QUARANTINE);
        deliver("a@example.org", "waits");
        Thread.sleep(3_000);
        assertThat(handled).isEmpty();
        assertThat(folder("INBOX")).as("nothing fetched, nothing deleted").isEqualTo(1);

        free.set(300 * MIB);
        intake.poll(); // what the daemon's mailbox-poll job does every [mailbox] poll_seconds
        Thread.sleep(2_000);
        assertThat(handled).as("above the threshold but within the margin").isEmpty();

        free.set(400 * MIB);
        intake.poll();
        awaitTrue(() -> handled.contains("waits") && folder("INBOX") == 0);
    }

    @Test
    void hugeFromHeadersAreReadOnlyInPartAndTheMessagesStillPass() throws Exception {
        try (ImapCommandTap tap = new ImapCommandTap(imap, () -> false)) {
            String folded = "From: x@example.org" + ",\r\n y@example.org".repeat(150_000) + "\r\n";
            for (int i = 0; i < 2; i++) {
                deliverRaw(folded + "To: tips@localhost\r\n", "huge " + i); // ~2.4 MB each: over the size limit
            }
            deliverRaw("From: " + "z".repeat(600_000) + "@example.org\r\nTo: tips@localhost\r\n", "long");
            start(FloodsConfig.Policy.QUARANTINE, tap.port());
            awaitTrue(() -> folder("INBOX") == 0);

            assertThat(handled)
                    .as("the one under the size limit was fetched and handled")
                    .containsExactly("long");
            assertThat(oversize).hasSize(2);
            assertThat(tap.bytesToClient())
                    .as("no From header fetched whole: only the one message handled came over in full")
                    .isLessThan(800_000);
        }
    }

    @Test
    void aMoveThatKeepsFailingStillDeletesCommittedTipsAndTakesNothingTwice() throws Exception {
        try (ImapCommandTap tap = new ImapCommandTap(imap, () -> false)) {
            tap.refuse("COPY");
            for (int i = 0; i < 5; i++) {
                deliver("flooder@example.org", "flood " + i);
            }
            deliver("a@example.org", "tip a");
            deliver("b@example.org", "tip b");
            start(FloodsConfig.Policy.QUARANTINE, tap.port());
            awaitTrue(() -> handled.size() == 5 && folder("INBOX") == 2);
            Thread.sleep(5_000); // a few passes, and the failed move's retry

            assertThat(handled)
                    .as("tips deleted after their commit, none handled again")
                    .containsExactly("flood 0", "flood 1", "flood 2", "tip a", "tip b");
            assertThat(folder("INBOX")).as("only the two limited ones stay").isEqualTo(2);
            tap.refuse(null);
            awaitTrue(() -> folder("INBOX") == 0 && folder("Quarantine") == 2);
            assertThat(handled).hasSize(5);
        }
    }

    @Test
    void aFailedCommitOfLimitedMessagesIsRetriedWithPausesNotInAHotLoop() throws Exception {
        storeBroken = true;
        start(FloodsConfig.Policy.QUARANTINE);
        for (int i = 0; i < 5; i++) {
            deliver("flooder@example.org", "flood " + i);
        }
        awaitTrue(() -> handled.size() == 3 && rateLimitedCalls.get() > 0);
        Thread.sleep(3_000);
        assertThat(rateLimitedCalls.get())
                .as("the failed messages pause (2 s, then 4 s) before they are tried again")
                .isLessThanOrEqualTo(3);
        storeBroken = false;
        awaitTrue(() -> folder("INBOX") == 0 && folder("Quarantine") == 2);
    }

    @Test
    void limitedMessageLeftInTheMailboxByARestartIsMovedNotTakenWithFreshBuckets() throws Exception {
        try (ImapCommandTap tap = new ImapCommandTap(imap, () -> false)) {
            tap.refuse("COPY");
            for (int i = 0; i < 4; i++) {
                deliver("flooder@example.org", "flood " + i);
            }
            start(FloodsConfig.Policy.QUARANTINE, tap.port());
            awaitTrue(() -> handled.size() == 3 && rateLimited.size() == 1);
            intake.stop(Duration.ofSeconds(10));
            tap.refuse(null);
            start(FloodsConfig.Policy.QUARANTINE, tap.port()); // fresh buckets: "flood 3" would pass them

            awaitTrue(() -> folder("INBOX") == 0 && folder("Quarantine") == 1);
            assertThat(handled).containsExactly("flood 0", "flood 1", "flood 2");
        }
    }

    @Test
    void diskNearlyFullListsNothing() throws Exception {
        free.set(100 * MIB);
        deliver("a@example.org", "waits");
        try (ImapCommandTap tap = new ImapCommandTap(imap, () -> false)) {
            start(FloodsConfig.Policy.QUARANTINE, tap.port());
            awaitTrue(() -> tap.commands().stream().anyMatch(c -> c.verb().equals("SELECT")));
            Thread.sleep(2_000);
            assertThat(tap.commands())
                    .extracting(ImapCommandTap.Command::verb)
                    .as("no listing FETCH while the disk is nearly full")
                    .doesNotContain("FETCH", "UID");
        }
    }

    private int folder(String name) {
        try {
            jakarta.mail.Store store = Session.getInstance(new Properties()).getStore("imap");
            store.connect("127.0.0.1", imap, "tips@localhost", "secret");
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
        } catch (jakarta.mail.MessagingException e) {
            return -1;
        }
    }

    /** Records subjects; every message is a duplicate (nothing to commit). */
    private final class Recording implements MessageHandler {
        @Override
        public Outcome handle(InputStream raw, String upstreamId) throws IntakeException.TransientIo {
            try {
                String text = new String(raw.readAllBytes(), StandardCharsets.UTF_8);
                handled.add(text.replaceAll("(?s).*Subject: ([^\r\n]*).*", "$1"));
            } catch (IOException e) {
                throw new IntakeException.TransientIo("read", e);
            }
            return new Outcome.Duplicate();
        }

        @Override
        public void flush() {}

        @Override
        public Outcome oversize(String upstreamId) {
            oversize.add(upstreamId);
            return new Outcome.Duplicate();
        }

        @Override
        public List<Long> rateLimited(List<String> upstreamIds) throws IntakeException.TransientIo {
            rateLimitedCalls.incrementAndGet();
            if (storeBroken) {
                throw new IntakeException.TransientIo("store down", new IOException("test"));
            }
            int first = rateLimited.size();
            rateLimited.addAll(upstreamIds);
            return java.util.stream.LongStream.range(first, rateLimited.size())
                    .boxed()
                    .toList();
        }

        @Override
        public boolean quarantinedBefore(String upstreamId) {
            return rateLimited.contains(upstreamId);
        }
    }

    /** Waits for the condition, polling the intake each second as the daemon's mailbox-poll job does. */
    private void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        for (int i = 1; !condition.getAsBoolean(); i++) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(50);
            if (i % 20 == 0 && intake != null) {
                intake.poll();
            }
        }
    }
}
