// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.demo.SmtpSubmit;
import org.tipbridge.bridge.store.TestDatabases;
import org.tipbridge.bridge.testing.MailBuilder;
import org.tipbridge.bridge.testing.TipbridgeJar;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.StoreConfig;

/**
 * Two daemons (the real jar, two processes, two homes with the same keys and secrets) on one
 * PostgreSQL database read one external mailbox (GreenMail in this JVM) holding 1,000 tips from 50
 * senders and acknowledge each sender once through GreenMail's SMTP. Half-way through, the node
 * holding the mailbox lease is killed (kill -9); the other takes the mailbox over within the
 * failover time. Afterwards: exactly 1,000 records, an empty mailbox, every outbox entry sent, and
 * every sender acknowledged once (at most one resent acknowledgement: the one a killed node may
 * have been handing to the SMTP server when it died, which no protocol can tell apart; the other
 * node sends it again once the dead node's claim on it is stale).
 */
class TwoNodesEndToEndTest {
    private static final int MESSAGES = 1000;
    private static final int SENDERS = 50;
    private static final int FAILOVER_SECONDS = 10;

    @TempDir
    Path tmp;

    private GreenMail mailbox;
    private final Map<String, Process> nodes = new HashMap<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : nodes.values()) {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor();
            }
        }
        if (mailbox != null) {
            mailbox.stop();
        }
    }

    @Test
    void twoNodesIngestEveryMessageOnceAndAnswerEverySenderOnceWhenOneIsKilled() throws Exception {
        Assumptions.assumeTrue(TestDatabases.postgresql(), "several nodes need the PostgreSQL store");
        int smtp = TipbridgeJar.freePort();
        int imap = TipbridgeJar.freePort();
        Path homeA = tmp.resolve("node-a");
        TipbridgeJar jar = jar(smtp, imap);
        assertThat(jar.run("init", "--home", homeA.toString()).exitCode()).isZero();
        TestDatabases.useIn(homeA);
        Path homeB = copyHome(homeA, tmp.resolve("node-b"));
        startMailbox(
                smtp,
                imap,
                Files.readString(homeA.resolve("secrets/mailbox-password")).trim());
        deliver(smtp);
        StoreConfig store = ConfigLoader.load(homeA, Map.of()).store();

        start("a", jar, homeA);
        start("b", jar, homeB);
        await("half of the tips", 240, () -> count(store, "SELECT COUNT(*) FROM records") >= MESSAGES / 2);
        String holder = mailboxHolder(store).orElseThrow();
        long before = count(store, "SELECT COUNT(*) FROM records");
        Instant killed = Instant.now();
        nodes.get(holder).destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        await(
                "the other node goes on",
                3 * FAILOVER_SECONDS,
                () -> count(store, "SELECT COUNT(*) FROM records") > before + 10);
        Duration takeover = Duration.between(killed, Instant.now());
        await(
                "every tip",
                300,
                () -> mailbox.getReceivedMessagesForDomain("localhost").length == 0
                        && count(store, "SELECT COUNT(*) FROM records") == MESSAGES);
        await(
                "every acknowledgement",
                120,
                () -> count(store, "SELECT COUNT(*) FROM outbox WHERE status <> 'sent'") == 0);

        assertThat(count(store, "SELECT COUNT(*) FROM records")).isEqualTo(MESSAGES);
        assertThat(count(store, "SELECT COUNT(DISTINCT dedupe_key) FROM records"))
                .isEqualTo(MESSAGES);
        assertThat(count(store, "SELECT COUNT(*) FROM outbox")).isEqualTo(SENDERS);
        Map<String, Integer> acks = acknowledgementsBySender();
        assertThat(acks).hasSize(SENDERS);
        assertThat(acks.values().stream().mapToInt(Integer::intValue).sum())
                .as("acknowledgements received (one per sender, at most one resent after the kill)")
                .isBetween(SENDERS, SENDERS + 1);
        System.out.printf(
                "two nodes: killed %s with %d records committed; the other went on after %d ms; %d acknowledgements%n",
                holder,
                before,
                takeover.toMillis(),
                acks.values().stream().mapToInt(Integer::intValue).sum());
        assertThat(takeover).isLessThan(Duration.ofSeconds(3 * FAILOVER_SECONDS));
        String survivor = holder.equals("a") ? "b" : "a";
        nodes.get(survivor).destroy();
        assertThat(nodes.get(survivor).waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(nodes.get(survivor).exitValue()).isZero();
    }

    private TipbridgeJar jar(int smtp, int imap) {
        return new TipbridgeJar()
                .env("TIPBRIDGE_MAILBOX_HOST", "127.0.0.1")
                .env("TIPBRIDGE_MAILBOX_IMAP_PORT", Integer.toString(imap))
                .env("TIPBRIDGE_MAILBOX_POLL_SECONDS", "1")
                .env("TIPBRIDGE_OUTBOUND_SMTP_HOST", "127.0.0.1")
                .env("TIPBRIDGE_OUTBOUND_SMTP_PORT", Integer.toString(smtp))
                .env("TIPBRIDGE_OUTBOUND_TLS", "none")
                .env("TIPBRIDGE_OUTBOUND_NO_KEY_POLICY", "plaintext")
                .env("TIPBRIDGE_OUTBOUND_POLL_SECONDS", "1")
                // A send the killed node had claimed is taken over once its claim is stale:
                // 16 x timeout + failover + 60 s (outbox.StaleClaims), here 102 s instead of 17 min.
                .env("TIPBRIDGE_OUTBOUND_TIMEOUT_SECONDS", "2")
                .env("TIPBRIDGE_CLUSTER_FAILOVER_SECONDS", Integer.toString(FAILOVER_SECONDS))
                // 1000 tips at once are a load test here, not a flood: above the channel's default
                // burst, and each sender's 20 tips are its whole burst, which a replayed batch after
                // the kill would exceed
                .env("TIPBRIDGE_FLOODS_CHANNEL_BURST", "100000")
                .env("TIPBRIDGE_FLOODS_SENDER_BURST", "100000");
    }

    /** A second node's home: the same configuration, keys and secrets; its own data directory. */
    private static Path copyHome(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!from.relativize(p).startsWith("data")) {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private void startMailbox(int smtp, int imap, String password) {
        mailbox = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        mailbox.start();
        mailbox.setUser("tips@localhost", "tips@localhost", password);
    }

    private void deliver(int smtp) throws Exception {
        for (int i = 0; i < MESSAGES; i++) {
            String from = "sender" + (i % SENDERS) + "@example.org";
            SmtpSubmit.send(
                    "127.0.0.1",
                    smtp,
                    from,
                    "tips@localhost",
                    MailBuilder.plain(
                            MailBuilder.identifyingHeaders(from, "two-nodes-" + i),
                            "tip " + i,
                            "tip number " + i + " of the two-node test"));
        }
        assertThat(mailbox.getReceivedMessagesForDomain("localhost")).hasSize(MESSAGES);
    }

    private void start(String node, TipbridgeJar jar, Path home) throws IOException {
        jar.env("TIPBRIDGE_CLUSTER_NODE_NAME", node);
        nodes.put(node, jar.start(tmp.resolve("daemon-" + node + ".log"), "run", "--home", home.toString()));
    }

    /** Acknowledgements GreenMail received, by recipient. */
    private Map<String, Integer> acknowledgementsBySender() throws MessagingException {
        Map<String, Integer> out = new HashMap<>();
        for (MimeMessage m : mailbox.getReceivedMessagesForDomain("example.org")) {
            for (Address to : m.getAllRecipients()) {
                out.merge(to.toString(), 1, Integer::sum);
            }
        }
        return out;
    }

    private static Optional<String> mailboxHolder(StoreConfig store) throws SQLException {
        try (Connection c = TestDatabases.connect(store);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT owner FROM tipbridge_leases WHERE name = 'mailbox' AND expires_at > now()")) {
            // The owner is the node's name and a suffix of its start: "a-1f2e3d4c".
            return rs.next() ? Optional.of(rs.getString(1).substring(0, 1)) : Optional.empty();
        }
    }

    private static long count(StoreConfig store, String query) throws SQLException {
        try (Connection c = TestDatabases.connect(store);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private void await(String what, int seconds, Condition condition) throws Exception {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not within " + seconds + " s\n" + logs());
            }
            Thread.sleep(250);
        }
    }

    private String logs() throws IOException {
        StringBuilder out = new StringBuilder();
        for (String node : nodes.keySet()) {
            Path log = tmp.resolve("daemon-" + node + ".log");
            if (Files.exists(log)) {
                String text = Files.readString(log);
                out.append("--- node ")
                        .append(node)
                        .append('\n')
                        .append(text, Math.max(0, text.length() - 4000), text.length());
            }
        }
        return out.toString();
    }
}
