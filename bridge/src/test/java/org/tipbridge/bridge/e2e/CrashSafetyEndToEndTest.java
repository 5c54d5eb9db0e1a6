// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.demo.SmtpSubmit;
import org.tipbridge.bridge.testing.MailBuilder;
import org.tipbridge.bridge.testing.TipbridgeJar;

/**
 * kill -9 at random moments while 200 messages are ingested from an external mailbox (GreenMail in
 * this test's JVM, so it survives the daemon): afterwards exactly 200 records and an empty mailbox.
 */
class CrashSafetyEndToEndTest {
    private static final int MESSAGES = 200;
    private static final int KILLS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private GreenMail mailbox;
    private Process daemon;

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly().waitFor();
        }
        if (mailbox != null) {
            mailbox.stop();
        }
    }

    @Test
    void killingTheDaemonAtRandomLosesNothingAndDuplicatesNothing() throws Exception {
        Path home = tmp.resolve("home");
        int smtp = TipbridgeJar.freePort();
        int imap = TipbridgeJar.freePort();
        TipbridgeJar jar = new TipbridgeJar()
                .env("TIPBRIDGE_MAILBOX_HOST", "127.0.0.1")
                .env("TIPBRIDGE_MAILBOX_IMAP_PORT", Integer.toString(imap))
                .env("TIPBRIDGE_MAILBOX_POLL_SECONDS", "1");
        assertThat(jar.run("init", "--home", home.toString()).exitCode()).isZero();
        org.tipbridge.bridge.store.TestDatabases.useIn(home);
        String password =
                Files.readString(home.resolve("secrets/mailbox-password")).trim();
        mailbox = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        mailbox.start();
        mailbox.setUser("tips@localhost", "tips@localhost", password);
        for (int i = 0; i < MESSAGES; i++) {
            String from = "sender" + (i % 17) + "@example.org";
            SmtpSubmit.send(
                    "127.0.0.1",
                    smtp,
                    from,
                    "tips@localhost",
                    MailBuilder.plain(
                            MailBuilder.identifyingHeaders(from, "m" + i),
                            "tip " + i,
                            "tip number " + i + " of the crash test"));
        }
        assertThat(mailbox.getReceivedMessages()).hasSize(MESSAGES);

        Random random = new Random(4471);
        Path log = tmp.resolve("daemon.log");
        for (int k = 0; k < KILLS; k++) {
            daemon = jar.start(log, "run", "--home", home.toString());
            Thread.sleep(1500 + random.nextInt(2500));
            daemon.destroyForcibly();
            assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        daemon = jar.start(log, "run", "--home", home.toString());
        Instant deadline = Instant.now().plusSeconds(240);
        while (mailbox.getReceivedMessages().length > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertThat(mailbox.getReceivedMessages()).as(Files.readString(log)).isEmpty();
        daemon.destroy();
        assertThat(daemon.waitFor(60, TimeUnit.SECONDS))
                .as(() -> "graceful stop within 60 s; log:\n" + tail(log))
                .isTrue();
        assertThat(daemon.exitValue()).isZero();

        JsonNode list = JSON.readTree(jar.run("queue", "list", "--home", home.toString(), "--json", "--limit", "1000")
                .stdout());
        assertThat(list.size()).isEqualTo(MESSAGES);
        Set<Long> ids = new HashSet<>();
        list.forEach(r -> ids.add(r.get("id").asLong()));
        assertThat(ids).hasSize(MESSAGES);
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 6000));
        } catch (java.io.IOException e) {
            return "(log unreadable: " + e.getClass().getSimpleName() + ")";
        }
    }
}
