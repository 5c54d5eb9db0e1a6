// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.demo.SmtpSubmit;
import org.tipbridge.bridge.store.OutboxEntry;
import org.tipbridge.bridge.store.OutboxKind;
import org.tipbridge.bridge.store.OutboxStatus;
import org.tipbridge.bridge.store.QuarantineEntry;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.SendClaim;
import org.tipbridge.bridge.store.TestDatabases;
import org.tipbridge.bridge.testing.MailBuilder;
import org.tipbridge.bridge.testing.TipbridgeJar;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.OpenPgp;

/** The daemon in this JVM against a real IMAP/SMTP peer (GreenMail on loopback) that the test controls. */
class DaemonIntegrationTest {
    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();
    private GreenMail mailbox;
    private int smtp;
    private int imap;
    private String password;
    private TipbridgeConfig config;

    @BeforeEach
    void setUp() throws Exception {
        Home home = new Home(tmp.resolve("home"));
        smtp = TipbridgeJar.freePort();
        imap = TipbridgeJar.freePort();
        env.put("TIPBRIDGE_MAILBOX_HOST", "127.0.0.1");
        env.put("TIPBRIDGE_MAILBOX_IMAP_PORT", Integer.toString(imap));
        env.put("TIPBRIDGE_MAILBOX_POLL_SECONDS", "1");
        env.put("TIPBRIDGE_MAILBOX_RECONNECT_MAX_SECONDS", "1");
        new HomeInitializer(OpenPgp.create(), new SecureRandom(), Map.of()).create(home, true);
        org.tipbridge.bridge.store.TestDatabases.useIn(home.dir());
        password =
                Files.readString(home.dir().resolve("secrets/mailbox-password")).trim();
        startMailbox();
        env.put("TIPBRIDGE_LIMITS_MAX_MESSAGE_BYTES", "65536");
        config = ConfigLoader.load(home.dir(), env);
    }

    @AfterEach
    void tearDown() {
        if (mailbox != null) {
            mailbox.stop();
        }
    }

    @Test
    void statusFileShowsTheChannelWithoutIdentifiersAndStopped() throws Exception {
        java.nio.file.Path file = DaemonStatus.file(config);
        withDaemon(() -> {
            deliver("status.source@example.org", "a tip");
            awaitTrue(() -> count() == 1);
            awaitTrue(() -> DaemonStatus.read(file)
                    .map(s -> s.running()
                            && s.channels().get("email").state().equals("connected")
                            && s.channels().get("email").lastMessage() != null)
                    .orElse(false));
        });
        DaemonStatus stopped = DaemonStatus.read(file).orElseThrow();
        assertThat(stopped.running()).isFalse();
        assertThat(stopped.channels().get("email").lastMessage()).endsWith(":00:00Z");
        assertThat(Files.readString(file)).doesNotContain("status.source").doesNotContain("example.org");
    }

    @Test
    void survivesMailServerRestart() throws Exception {
        withDaemon(() -> {
            deliver("first@example.org", "before the restart");
            awaitTrue(() -> count() == 1);
            mailbox.stop();
            Thread.sleep(1500);
            startMailbox();
            deliver("second@example.org", "after the restart");
            awaitTrue(() -> count() == 2);
        });
        assertThat(mailbox.getReceivedMessages()).isEmpty();
    }

    @Test
    void oversizedMessageIsQuarantinedWithoutFetchingAndMovedAside() throws Exception {
        withDaemon(() -> {
            deliver("big@example.org", "x".repeat(70_000).replaceAll("(.{70})", "$1\n"));
            deliver("small@example.org", "a normal tip after the big one");
            awaitTrue(() -> count() == 1 && quarantined().size() == 1);
        });
        assertThat(quarantined().get(0).reasonCode()).isEqualTo("message-too-large");
        assertThat(folderCount("INBOX")).isZero();
        assertThat(folderCount("Quarantine")).isEqualTo(1);
    }

    @Test
    void autoRepliesAndBouncesAreQuarantinedNotTips() throws Exception {
        String from = "away@example.org";
        SmtpSubmit.send(
                "127.0.0.1",
                smtp,
                from,
                "tips@localhost",
                MailBuilder.plain(
                        MailBuilder.identifyingHeaders(from, "ar") + "Auto-Submitted: auto-replied\r\n",
                        "Out of office",
                        "I am away until Monday."));
        withDaemon(() -> awaitTrue(() -> quarantined().size() == 1));
        assertThat(count()).isZero();
        assertThat(quarantined().get(0).reasonCode()).isEqualTo("automated");
        assertThat(folderCount("Quarantine")).isEqualTo(1);
    }

    @Test
    void onlyTheFirstTipOfAConversationIsAcknowledgedAndAutomatedMailNever() throws Exception {
        SmtpSubmit.send(
                "127.0.0.1",
                smtp,
                "away@example.org",
                "tips@localhost",
                MailBuilder.plain(
                        MailBuilder.identifyingHeaders("away@example.org", "ar") + "Auto-Submitted: auto-replied\r\n",
                        "Out of office",
                        "I am away until Monday."));
        SmtpSubmit.send(
                "127.0.0.1",
                smtp,
                "mailer-daemon@example.org",
                "tips@localhost",
                MailBuilder.plain(
                        MailBuilder.identifyingHeaders("mailer-daemon@example.org", "bo") + "Return-Path: <>\r\n",
                        "Undelivered Mail Returned to Sender",
                        "This is the mail system."));
        deliver("source@example.org", "first tip");
        deliver("source@example.org", "follow-up");
        withDaemon(() -> awaitTrue(() -> count() == 2 && quarantined().size() == 2));
        try (RecordStore store = RecordStore.open(config.store())) {
            List<OutboxEntry> outbox = store.outbox().list(10);
            assertThat(outbox).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(OutboxKind.ACKNOWLEDGEMENT);
                assertThat(e.handle()).isEqualTo(store.list(1).get(0).handle());
            });
        }
    }

    @Test
    void stopFinishesTheMessageInHandAndLosesNothing() throws Exception {
        for (int i = 0; i < 20; i++) {
            deliver("batch" + i + "@example.org", "tip " + i);
        }
        Daemon daemon = Daemon.start(config, env);
        awaitTrue(() -> count() >= 1);
        daemon.close();
        int committed = count();
        int left = mailbox.getReceivedMessages().length;
        assertThat(committed + left).isEqualTo(20);
        withDaemon(() -> awaitTrue(() -> count() == 20));
        assertThat(mailbox.getReceivedMessages()).isEmpty();
    }

    /**
     * An acknowledgement another dispatcher left sending a moment ago (a crash mid-send): on
     * SQLite, where one daemon holds the home, the restarted daemon sends it at once; on PostgreSQL
     * it could be another node's send in progress, so the daemon leaves it until the claim is stale
     * (while it sends what is queued).
     */
    @Test
    void entryLeftSendingIsSentAtRestartOnSqliteOnlyWhereOneDaemonHoldsTheHome() throws Exception {
        deliver("crashed@example.org", "first tip");
        withDaemon(() -> awaitTrue(() -> count() == 1));
        long interrupted;
        try (RecordStore store = RecordStore.open(config.store())) {
            interrupted = store.outbox().list(1).get(0).id();
            assertThat(store.outbox().markSending(interrupted, new SendClaim("crashed", Instant.now()), Instant.now()))
                    .isTrue();
        }
        deliver("later@example.org", "second tip");
        env.put("TIPBRIDGE_OUTBOUND_SMTP_HOST", "127.0.0.1");
        env.put("TIPBRIDGE_OUTBOUND_SMTP_PORT", Integer.toString(smtp));
        env.put("TIPBRIDGE_OUTBOUND_TLS", "none");
        env.put("TIPBRIDGE_OUTBOUND_NO_KEY_POLICY", "plaintext");
        env.put("TIPBRIDGE_OUTBOUND_POLL_SECONDS", "1");
        config = ConfigLoader.load(tmp.resolve("home"), env);

        withDaemon(() -> awaitTrue(() -> delivered("later@example.org") == 1
                && (TestDatabases.postgresql() || delivered("crashed@example.org") == 1)));

        boolean resent = !TestDatabases.postgresql();
        assertThat(delivered("crashed@example.org")).isEqualTo(resent ? 1 : 0);
        try (RecordStore store = RecordStore.open(config.store())) {
            assertThat(store.outbox().get(interrupted).orElseThrow().status())
                    .isEqualTo(resent ? OutboxStatus.SENT : OutboxStatus.SENDING);
        }
    }

    private int delivered(String recipient) {
        int n = 0;
        for (jakarta.mail.internet.MimeMessage m : mailbox.getReceivedMessages()) {
            try {
                if (m.getAllRecipients() != null
                        && m.getAllRecipients()[0].toString().contains(recipient)) {
                    n++;
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }
        return n;
    }

    /** Something to do while the daemon runs. */
    interface WhileRunning {
        void run() throws Exception;
    }

    private void withDaemon(WhileRunning body) throws Exception {
        Daemon daemon = Daemon.start(config, env);
        try {
            body.run();
        } finally {
            daemon.close();
        }
    }

    private int folderCount(String name) throws Exception {
        jakarta.mail.Store store =
                jakarta.mail.Session.getInstance(new java.util.Properties()).getStore("imap");
        store.connect("127.0.0.1", imap, "tips@localhost", password);
        try {
            jakarta.mail.Folder folder = store.getFolder(name);
            folder.open(jakarta.mail.Folder.READ_ONLY);
            int n = folder.getMessageCount();
            folder.close(false);
            return n;
        } finally {
            store.close();
        }
    }

    private void startMailbox() {
        mailbox = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        mailbox.start();
        mailbox.setUser("tips@localhost", "tips@localhost", password);
    }

    private void deliver(String from, String body) throws Exception {
        SmtpSubmit.send(
                "127.0.0.1",
                smtp,
                from,
                "tips@localhost",
                MailBuilder.plain(MailBuilder.identifyingHeaders(from, "it"), "test", body));
    }

    private int count() {
        try (RecordStore store = RecordStore.open(config.store())) {
            return store.count();
        }
    }

    private List<QuarantineEntry> quarantined() {
        try (RecordStore store = RecordStore.open(config.store())) {
            return store.quarantined(10);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
