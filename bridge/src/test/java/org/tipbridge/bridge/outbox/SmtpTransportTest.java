// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.testing.ScriptedSmtpServer;
import org.tipbridge.bridge.testing.Socks5Relay;
import org.tipbridge.bridge.testing.TipbridgeJar;
import org.tipbridge.conf.MailboxConfig.Tls;
import org.tipbridge.conf.OutboundConfig;

/** SMTP delivery against GreenMail and a scripted peer on loopback: bytes, envelope, greeting, failures, proxy, TLS. */
class SmtpTransportTest {
    private static final String HELO = "mail.tips.example";
    private static final String FROM = "bounces@tips.example";
    private static final String SOURCE = "source@example.net";
    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    /** Folded and encoded headers, a dot line, a lone dot, trailing space: everything a relay might touch. */
    static final byte[] MESSAGE = ("From: tips@tips.example\r\n"
                    + "To: " + SOURCE + "\r\n"
                    + "Subject: =?utf-8?B?SmFtYm8sIHJpcG90aSB5YWtvIGltZXBva2VsZXdh?=\r\n"
                    + " =?utf-8?B?IOKAlCBtZXJjaQ==?=\r\n"
                    + "Date: Tue, 5 Mar 2024 14:07:00 +0000\r\n"
                    + "Message-ID: <k3x9q2@tips.example>\r\n"
                    + "MIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Transfer-Encoding: quoted-printable\r\n"
                    + "\r\n"
                    + ".a line that starts with a dot\r\n"
                    + ".\r\n"
                    + "=2E and an encoded one, trailing space=20\r\n"
                    + "Asante sana =E2=80=94 merci\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private ScriptedSmtpServer server;
    private GreenMail greenMail;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private static OutboundConfig config(Tls tls, Optional<String> user, Optional<OutboundConfig.HostPort> socks) {
        return new OutboundConfig(
                "smtp.relay.example",
                587,
                tls,
                user,
                Path.of("unused"),
                socks,
                Optional.of(HELO),
                OutboundConfig.NoKeyPolicy.REFUSE,
                Duration.ofMinutes(1),
                Duration.ofMinutes(1),
                Duration.ofHours(1),
                Duration.ofDays(3),
                TIMEOUT);
    }

    private static SmtpTransport transport(OutboundConfig config, int port) {
        return new SmtpTransport(config, "127.0.0.1", port, Optional.empty(), HELO);
    }

    private SendResult sendToScripted() throws Exception {
        if (server == null) {
            server = ScriptedSmtpServer.start();
        }
        return transport(config(Tls.NONE, Optional.empty(), Optional.empty()), server.port())
                .send(FROM, SOURCE, MESSAGE);
    }

    @Test
    void bytesArriveUnchangedOnTheWire() throws Exception {
        assertThat(sendToScripted()).isEqualTo(new SendResult.Sent());
        assertThat(server.messages())
                .singleElement()
                .satisfies(received -> assertThat(new String(received, StandardCharsets.ISO_8859_1))
                        .isEqualTo(new String(MESSAGE, StandardCharsets.ISO_8859_1)));
    }

    @Test
    void bytesArriveUnchangedAtGreenMail() throws Exception {
        int port = TipbridgeJar.freePort();
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        SendResult result = transport(config(Tls.NONE, Optional.empty(), Optional.empty()), port)
                .send(FROM, SOURCE, MESSAGE);
        assertThat(result).isEqualTo(new SendResult.Sent());
        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        // GreenMail stores the data without the CRLF that precedes the terminating dot.
        assertThat(withoutTraceHeaders(greenMail.getReceivedMessages()[0]) + "\r\n")
                .isEqualTo(new String(MESSAGE, StandardCharsets.ISO_8859_1));
    }

    /** The stored message minus the Return-Path and Received lines the receiving server put on top. */
    private static String withoutTraceHeaders(MimeMessage stored) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        stored.writeTo(raw);
        String text = raw.toString(StandardCharsets.ISO_8859_1);
        return text.replaceFirst("\\A((Return-Path|Received):[^\\r\\n]*\\r\\n([ \\t][^\\r\\n]*\\r\\n)*)*", "");
    }

    @Test
    void ehloAnnouncesTheConfiguredNameNotTheHostName() throws Exception {
        sendToScripted();
        assertThat(server.ehloNames()).containsExactly(HELO);
        InetAddress local = InetAddress.getLocalHost();
        assertThat(server.commands())
                .noneMatch(c -> c.contains(local.getHostName()) || c.contains(local.getCanonicalHostName()));
    }

    @Test
    void envelopeIsTheGivenSenderAndTheOneRecipient() throws Exception {
        sendToScripted();
        assertThat(server.senders()).containsExactly("<" + FROM + ">");
        assertThat(server.recipients()).containsExactly("<" + SOURCE + ">");
    }

    @Test
    void serverOfferingDsnIsAskedForNoDeliveryReport() throws Exception {
        server = ScriptedSmtpServer.start().offerDsn();
        assertThat(sendToScripted()).isEqualTo(new SendResult.Sent());
        assertThat(server.commands())
                .filteredOn(c -> c.startsWith("RCPT"))
                .singleElement()
                .asString()
                .isEqualTo("RCPT TO:<" + SOURCE + "> NOTIFY=NEVER");
        assertThat(server.commands())
                .filteredOn(c -> c.startsWith("MAIL"))
                .singleElement()
                .asString()
                .doesNotContain("RET=");
    }

    @Test
    void serverWithoutDsnGetsNoNotifyParameter() throws Exception {
        sendToScripted();
        assertThat(server.commands()).filteredOn(c -> c.startsWith("RCPT")).containsExactly("RCPT TO:<" + SOURCE + ">");
    }

    @Test
    void emptyEnvelopeSenderIsTheNullReversePath() throws Exception {
        server = ScriptedSmtpServer.start();
        transport(config(Tls.NONE, Optional.empty(), Optional.empty()), server.port())
                .send("", SOURCE, MESSAGE);
        assertThat(server.senders()).containsExactly("<>");
    }

    @Test
    void refusedRecipientIsPermanentAndNothingOfTheReplyIsLogged() throws Exception {
        server = ScriptedSmtpServer.start().rejectRecipientsWith(550);
        Logger logger = (Logger) LoggerFactory.getLogger(SmtpTransport.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            assertThat(sendToScripted()).isEqualTo(new SendResult.Permanent("smtp-550"));
        } finally {
            logger.detachAppender(log);
        }
        assertThat(server.messages()).isEmpty();
        assertThat(log.list)
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.getFormattedMessage())
                        .doesNotContain(SOURCE, FROM, "no such user")
                        .contains("smtp-550"));
    }

    @Test
    void temporarilyRefusedRecipientIsTemporary() throws Exception {
        server = ScriptedSmtpServer.start().rejectRecipientsWith(451);
        assertThat(sendToScripted()).isEqualTo(new SendResult.Temporary("smtp-451"));
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void refusedMessageIsPermanent() throws Exception {
        server = ScriptedSmtpServer.start().rejectDataWith(554);
        assertThat(sendToScripted()).isEqualTo(new SendResult.Permanent("smtp-554"));
    }

    @Test
    void temporarilyRefusedMessageIsTemporary() throws Exception {
        server = ScriptedSmtpServer.start().rejectDataWith(451);
        assertThat(sendToScripted()).isEqualTo(new SendResult.Temporary("smtp-451"));
    }

    @Test
    void refusedSenderIsOnlyTemporary() throws Exception {
        server = ScriptedSmtpServer.start().rejectSenderWith(553);
        assertThat(sendToScripted()).isEqualTo(new SendResult.Temporary("smtp-553"));
        assertThat(server.recipients()).isEmpty();
    }

    @Test
    void nothingListeningIsUnreachable() throws Exception {
        int closed = TipbridgeJar.freePort();
        Instant start = Instant.now();
        SendResult result = transport(config(Tls.NONE, Optional.empty(), Optional.empty()), closed)
                .send(FROM, SOURCE, MESSAGE);
        assertThat(result).isEqualTo(new SendResult.Temporary("smtp-unreachable"));
        assertThat(Duration.between(start, Instant.now())).isLessThan(TIMEOUT.multipliedBy(2));
    }

    @Test
    void unknownHostIsUnreachable() {
        SmtpTransport transport = new SmtpTransport(
                config(Tls.NONE, Optional.empty(), Optional.empty()),
                "smtp.example.invalid",
                25,
                Optional.empty(),
                HELO);
        assertThat(transport.send(FROM, SOURCE, MESSAGE)).isEqualTo(new SendResult.Temporary("smtp-unreachable"));
    }

    @Test
    void silentServerIsTemporaryWithinTheTimeout() throws Exception {
        server = ScriptedSmtpServer.start().silent();
        Instant start = Instant.now();
        assertThat(sendToScripted()).isEqualTo(new SendResult.Temporary("smtp-unreachable"));
        assertThat(Duration.between(start, Instant.now())).isLessThan(TIMEOUT.multipliedBy(3));
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void configuredSocksProxyCarriesTheConnection() throws Exception {
        server = ScriptedSmtpServer.start();
        try (Socks5Relay proxy = Socks5Relay.start()) {
            OutboundConfig viaProxy = config(
                    Tls.NONE, Optional.empty(), Optional.of(new OutboundConfig.HostPort("127.0.0.1", proxy.port())));
            assertThat(transport(viaProxy, server.port()).send(FROM, SOURCE, MESSAGE))
                    .isEqualTo(new SendResult.Sent());
            assertThat(proxy.requests()).containsExactly("127.0.0.1:" + server.port());
        }
        assertThat(server.messages()).hasSize(1);
        assertThat(server.ehloNames()).containsExactly(HELO);
    }

    @Test
    void deadSocksProxyIsUnreachableEvenThoughTheServerIsUp() throws Exception {
        server = ScriptedSmtpServer.start();
        int deadProxy = TipbridgeJar.freePort();
        OutboundConfig viaProxy =
                config(Tls.NONE, Optional.empty(), Optional.of(new OutboundConfig.HostPort("127.0.0.1", deadProxy)));
        assertThat(transport(viaProxy, server.port()).send(FROM, SOURCE, MESSAGE))
                .isEqualTo(new SendResult.Temporary("smtp-unreachable"));
        assertThat(server.connections()).isZero();
    }

    @Test
    void requiredStartTlsIsNeverSkipped() throws Exception {
        server = ScriptedSmtpServer.start();
        SendResult result = transport(config(Tls.STARTTLS, Optional.empty(), Optional.empty()), server.port())
                .send(FROM, SOURCE, MESSAGE);
        assertThat(result).isEqualTo(new SendResult.Temporary("smtp-unreachable"));
        assertThat(server.senders()).isEmpty();
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void implicitTlsAgainstAPlainServerIsUnreachable() throws Exception {
        server = ScriptedSmtpServer.start();
        SendResult result = transport(config(Tls.IMPLICIT, Optional.empty(), Optional.empty()), server.port())
                .send(FROM, SOURCE, MESSAGE);
        assertThat(result).isEqualTo(new SendResult.Temporary("smtp-unreachable"));
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void wrongPasswordIsATemporaryAuthFailureAndTheRightOneSends() throws Exception {
        int port = TipbridgeJar.freePort();
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        greenMail.setUser("relay-user", "relay-user", "right-password");
        OutboundConfig withLogin = config(Tls.NONE, Optional.of("relay-user"), Optional.empty());

        SmtpTransport wrong = new SmtpTransport(withLogin, "127.0.0.1", port, Optional.of("wrong".toCharArray()), HELO);
        assertThat(wrong.send(FROM, SOURCE, MESSAGE)).isEqualTo(new SendResult.Temporary("smtp-auth-failed"));

        char[] password = "right-password".toCharArray();
        SmtpTransport right = new SmtpTransport(withLogin, "127.0.0.1", port, Optional.of(password), HELO);
        java.util.Arrays.fill(password, 'x'); // the transport keeps its own copy
        assertThat(right.send(FROM, SOURCE, MESSAGE)).isEqualTo(new SendResult.Sent());
    }

    @Test
    void malformedRecipientIsPermanentAndNeverReachesTheServer() throws Exception {
        server = ScriptedSmtpServer.start();
        SmtpTransport transport = transport(config(Tls.NONE, Optional.empty(), Optional.empty()), server.port());
        for (String recipient : new String[] {
            "not an address", "", "a@b\r\nRCPT TO:<c@d>", "a@b, c@d", "Name <a@b.example>", "a@b.example\u0000"
        }) {
            assertThat(transport.send(FROM, recipient, MESSAGE)).isEqualTo(new SendResult.Permanent("bad-recipient"));
        }
        assertThat(server.connections()).isZero();
    }

    @Test
    void toStringShowsNeitherPasswordNorHost() {
        OutboundConfig withLogin = config(Tls.STARTTLS, Optional.of("relay-user"), Optional.empty());
        String shown = new SmtpTransport(
                        withLogin, "smtp.relay.example", 587, Optional.of("s3cret-pw".toCharArray()), HELO)
                .toString();
        assertThat(shown).doesNotContain("s3cret-pw", "smtp.relay.example", "relay-user", "587");
    }
}
