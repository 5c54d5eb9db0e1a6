// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.demo.SmtpSubmit;
import org.tipbridge.bridge.testing.Gpg;
import org.tipbridge.bridge.testing.MailBuilder;
import org.tipbridge.bridge.testing.ScriptedSmtpServer;
import org.tipbridge.bridge.testing.TipbridgeJar;

/**
 * Drives the real jar through a whole conversation: a gpg-made source sends a tip with their key
 * attached, gets an acknowledgement, and then an analyst's reply, both encrypted to them, both
 * caught by an SMTP sink on loopback standing in for the source's mail server.
 */
class ReplyEndToEndTest extends EndToEndBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "jane.source@example.net";
    private static final String ANALYST = "Analyst One <analyst.one@tipline.example>";

    @TempDir
    Path tmp;

    private Gpg gpg;
    private int smtpPort;
    private GreenMail sink;

    @BeforeEach
    void setUp() throws Exception {
        home = tmp.resolve("home");
        log = tmp.resolve("daemon.log");
        gpg = new Gpg(tmp.resolve("gnupg"));
        smtpPort = TipbridgeJar.freePort();
        int sinkPort = TipbridgeJar.freePort();
        sink = new GreenMail(new ServerSetup(sinkPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        sink.start();
        jar = new TipbridgeJar()
                .env("TIPBRIDGE_MAILBOX_SMTP_PORT", Integer.toString(smtpPort))
                .env("TIPBRIDGE_MAILBOX_IMAP_PORT", Integer.toString(TipbridgeJar.freePort()))
                .env("TIPBRIDGE_MAILBOX_POLL_SECONDS", "2")
                .env("TIPBRIDGE_OUTBOUND_SMTP_HOST", "127.0.0.1")
                .env("TIPBRIDGE_OUTBOUND_SMTP_PORT", Integer.toString(sinkPort))
                .env("TIPBRIDGE_OUTBOUND_POLL_SECONDS", "1")
                .env("TIPBRIDGE_LOG_LEVEL", "debug");
        cli(0, "init", "--home", home.toString(), "--no-analyst-key");
        org.tipbridge.bridge.store.TestDatabases.useIn(home);
        gpg.generate(ANALYST, false);
        Path analystPub = tmp.resolve("analyst.pub.asc");
        Files.write(analystPub, gpg.exportPublic("analyst.one@tipline.example"));
        Files.write(tmp.resolve("analyst.sec.asc"), gpg.exportSecret("analyst.one@tipline.example"));
        Files.writeString(tmp.resolve("empty-passphrase"), "");
        cli(0, "analysts", "add", "--home", home.toString(), analystPub.toString());
        gpg.importKey(cli(0, "keys", "bridge-public", "--home", home.toString())
                .stdout()
                .getBytes(StandardCharsets.US_ASCII));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly().waitFor();
        }
        sink.stop();
    }

    @Test
    void analystReplyReachesTheSourceEncryptedAfterTheAcknowledgement() throws Exception {
        gpg.generate("Jane Source <" + SOURCE + ">", false);
        byte[] entity = MailBuilder.withAttachedKey(
                "Rosewood logs stacked behind the sawmill at the river bend.", gpg.exportPublic(SOURCE));
        byte[] armored = gpg.encrypt(entity, "tips@localhost", SOURCE);
        startDaemon();
        SmtpSubmit.send(
                "127.0.0.1",
                smtpPort,
                SOURCE,
                "tips@localhost",
                MailBuilder.pgpMime(MailBuilder.identifyingHeaders(SOURCE, "r7q2"), "...", armored));
        String handle = awaitRecords(1).get(0).get("handle").asText();

        MimeMessage ack = awaitSunk(1).get(0);
        assertThat(ack.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        String ackText = decrypt(ack);
        assertThat(ackText).contains(handle).contains("Your report arrived [" + handle + "]");

        String words = "Thank you. Can you tell us when the next truck is expected? – Ü";
        TipbridgeJar.Result queued = cli(0, "reply", handle, "--home", home.toString(), "--message", words);
        assertThat(queued.stdout()).contains("Queued reply");

        List<MimeMessage> sunk = awaitSunk(2);
        MimeMessage reply = sunk.get(1);
        assertThat(reply.getAllRecipients()[0].toString()).isEqualTo(SOURCE);
        assertThat(reply.getSubject()).isEqualTo("...");
        assertThat(reply.getHeader("Auto-Submitted")).isNull();
        String replyText = decrypt(reply);
        assertThat(replyText).contains("Re: your report [" + handle + "]");
        assertThat(replyText.replace("=\r\n", ""))
                .satisfiesAnyOf(
                        t -> assertThat(t).contains(words),
                        t -> assertThat(decodeQuotedPrintable(t)).contains(words));
        assertNoServerOrAnalystIdentifiers(ack);
        assertNoServerOrAnalystIdentifiers(reply);
        assertThat(reply.getMessageID()).endsWith("@localhost>").isNotEqualTo(ack.getMessageID());

        JsonNode outbox = JSON.readTree(
                cli(0, "outbox", "list", "--home", home.toString(), "--json").stdout());
        assertThat(outbox).allSatisfy(e -> assertThat(e.get("status").asText()).isEqualTo("sent"));
        stopDaemon();
        assertNoLeaks(SOURCE, "Jane Source", "r7q2", "example.net");
        assertNotStoredInClear(words, "next truck", "Rosewood logs");
    }

    @Test
    void withoutAKeyTheReplyWaitsForADecisionAndAllowPlaintextSendsIt() throws Exception {
        String keyless = "keyless.source@example.org";
        startDaemon();
        SmtpSubmit.send(
                "127.0.0.1",
                smtpPort,
                keyless,
                "tips@localhost",
                MailBuilder.plain(MailBuilder.identifyingHeaders(keyless, "k9"), "logs", "Trucks at night."));
        String handle = awaitRecords(1).get(0).get("handle").asText();
        awaitOutboxStatus(0, "needs-decision");
        TipbridgeJar.Result list = cli(0, "outbox", "list", "--home", home.toString());
        assertThat(list.stdout()).contains("--allow-plaintext");
        assertThat(sink.getReceivedMessages()).isEmpty();

        cli(0, "reply", handle, "--home", home.toString(), "--message", "Plain words.", "--allow-plaintext");

        MimeMessage plain = awaitSunk(1).get(0);
        assertThat(plain.getSubject()).isEqualTo("Re: your report [" + handle + "]");
        assertThat(plain.getContentType()).startsWith("text/plain");
        assertThat(((String) plain.getContent()).strip()).isEqualTo("Plain words.");
        assertThat(plain.getAllRecipients()[0].toString()).isEqualTo(keyless);
        assertNoServerOrAnalystIdentifiers(plain);
        stopDaemon();
    }

    @Test
    void daemonKilledWhileSendingSendsOnceMoreAfterRestartAndLosesNothing() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start().holdDataReplies()) {
            jar.env("TIPBRIDGE_OUTBOUND_SMTP_PORT", Integer.toString(server.port()))
                    .env("TIPBRIDGE_OUTBOUND_NO_KEY_POLICY", "plaintext");
            startDaemon();
            String source = "crash.source@example.org";
            SmtpSubmit.send(
                    "127.0.0.1",
                    smtpPort,
                    source,
                    "tips@localhost",
                    MailBuilder.plain(MailBuilder.identifyingHeaders(source, "c1"), "logs", "Trucks at night."));
            awaitTrue(() -> server.messages().size() == 1);
            awaitOutboxStatus(0, "sending");

            daemon.destroyForcibly().waitFor();
            server.release();
            log = tmp.resolve("daemon-after-crash.log");
            startDaemon();
            if (org.tipbridge.bridge.store.TestDatabases.postgresql()) {
                // Several nodes may share this database: the restarted node cannot tell a dead
                // node's claim from a live one's, so it leaves the entry until the claim is stale
                // (OutboxClaimsTest covers that with a clock); it must not send it blindly now.
                Thread.sleep(5000);
                assertThat(server.messages()).hasSize(1);
                awaitOutboxStatus(0, "sending");
                stopDaemon();
                return;
            }
            awaitTrue(() -> server.messages().size() == 2);
            awaitOutboxStatus(0, "sent");
            Thread.sleep(3000);

            assertThat(server.messages()).hasSize(2);
            assertThat(messageId(server.messages().get(1)))
                    .isEqualTo(messageId(server.messages().get(0)));
            assertThat(server.recipients()).containsOnly("<" + source + ">");
            stopDaemon();
        }
    }

    private static String messageId(byte[] message) {
        return new String(message, StandardCharsets.US_ASCII)
                .lines()
                .filter(l -> l.startsWith("Message-ID:"))
                .findFirst()
                .orElseThrow();
    }

    private void awaitTrue(java.util.function.BooleanSupplier condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 30 s\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    private String decrypt(MimeMessage message) throws Exception {
        assertThat(message.getContentType()).startsWith("multipart/encrypted");
        String raw = raw(message);
        int begin = raw.indexOf("-----BEGIN PGP MESSAGE-----");
        int end = raw.indexOf("-----END PGP MESSAGE-----") + "-----END PGP MESSAGE-----".length();
        byte[] armored = raw.substring(begin, end).getBytes(StandardCharsets.US_ASCII);
        byte[] status = gpg.run(armored, "--status-fd", "1", "--decrypt", "--output", "/dev/null");
        assertThat(new String(status, StandardCharsets.UTF_8)).contains("GOODSIG");
        return new String(gpg.decrypt(armored), StandardCharsets.UTF_8);
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Headers the sink adds itself (Received, Return-Path) are not ours and are left out. */
    private static void assertNoServerOrAnalystIdentifiers(MimeMessage message) throws Exception {
        StringBuilder ours = new StringBuilder();
        for (var e = message.getAllHeaders(); e.hasMoreElements(); ) {
            var h = e.nextElement();
            if (!h.getName().equalsIgnoreCase("Received") && !h.getName().equalsIgnoreCase("Return-Path")) {
                ours.append(h.getName()).append(": ").append(h.getValue()).append('\n');
            }
        }
        String headers = ours.toString().toLowerCase(Locale.ROOT);
        assertThat(headers)
                .doesNotContain(InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT) + ".")
                .doesNotContain("analyst")
                .doesNotContain("x-mailer")
                .doesNotContain("user-agent")
                .doesNotContain("java")
                .doesNotContain("jakarta")
                .doesNotContain("tipbridge");
        assertThat(message.getHeader("Date", null)).contains(":00 +0000");
    }

    private static String decodeQuotedPrintable(String s) throws Exception {
        var in = jakarta.mail.internet.MimeUtility.decode(
                new java.io.ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII)), "quoted-printable");
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private List<MimeMessage> awaitSunk(int n) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            MimeMessage[] got = sink.getReceivedMessages();
            if (got.length >= n) {
                assertThat(got).hasSize(n);
                return List.of(got);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + n + " mails at the sink\n" + Files.readString(log));
    }

    private void awaitOutboxStatus(int index, String status) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonNode list = JSON.readTree(cli(0, "outbox", "list", "--home", home.toString(), "--json")
                    .stdout());
            if (list.size() > index && list.get(index).get("status").asText().equals(status)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no outbox entry became " + status + "\n" + Files.readString(log));
    }

    /** Tip and reply text: readable in the analyst's CLI output, never in the home or the log. */
}
