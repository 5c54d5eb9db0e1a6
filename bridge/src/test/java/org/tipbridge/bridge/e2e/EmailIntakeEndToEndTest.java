// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.demo.SmtpSubmit;
import org.tipbridge.bridge.testing.Gpg;
import org.tipbridge.bridge.testing.MailBuilder;
import org.tipbridge.bridge.testing.TipbridgeJar;

/** Drives the real jar: init, analysts add, run, deliver over SMTP, queue list, queue show. */
class EmailIntakeEndToEndTest extends EndToEndBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Gpg gpg;
    private int smtpPort;
    private int imapPort;

    @BeforeEach
    void setUp() throws Exception {
        home = tmp.resolve("home");
        log = tmp.resolve("daemon.log");
        gpg = new Gpg(tmp.resolve("gnupg"));
        smtpPort = TipbridgeJar.freePort();
        imapPort = TipbridgeJar.freePort();
        jar = new TipbridgeJar()
                .env("TIPBRIDGE_MAILBOX_SMTP_PORT", Integer.toString(smtpPort))
                .env("TIPBRIDGE_MAILBOX_IMAP_PORT", Integer.toString(imapPort))
                .env("TIPBRIDGE_MAILBOX_POLL_SECONDS", "2")
                .env("TIPBRIDGE_LOG_LEVEL", "debug");
        assertThat(cli(0, "init", "--home", home.toString(), "--no-analyst-key").stdout())
                .contains("Created");
        org.tipbridge.bridge.store.TestDatabases.useIn(home);
        gpg.generate("Analyst One <analyst@tipline.example>", false);
        Path analystPub = tmp.resolve("analyst.pub.asc");
        Files.write(analystPub, gpg.exportPublic("analyst@tipline.example"));
        Files.write(tmp.resolve("analyst.sec.asc"), gpg.exportSecret("analyst@tipline.example"));
        Files.writeString(tmp.resolve("empty-passphrase"), "");
        cli(0, "analysts", "add", "--home", home.toString(), analystPub.toString());
        TipbridgeJar.Result bridge = cli(0, "keys", "bridge-public", "--home", home.toString());
        assertThat(bridge.stdout()).contains("BEGIN PGP PUBLIC KEY BLOCK");
        assertThat(bridge.stderr()).contains("Fingerprint:");
        gpg.importKey(bridge.stdout().getBytes(StandardCharsets.US_ASCII));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly().waitFor();
        }
    }

    @Test
    void gpgEncryptedTipArrivesSealedWithoutIdentifiers() throws Exception {
        gpg.generate("Jane Source <jane.source@example.net>", true);
        byte[] entity = MailBuilder.textEntity("Ivory in container 4471 – leaving Mombasa Friday.");
        byte[] armored = gpg.encrypt(entity, "tips@localhost", "jane.source@example.net");
        String headers = MailBuilder.identifyingHeaders("jane.source@example.net", "s1x9");
        startDaemon();
        SmtpSubmit.send(
                "127.0.0.1",
                smtpPort,
                "jane.source@example.net",
                "tips@localhost",
                MailBuilder.pgpMime(headers, "...", armored));

        JsonNode list = awaitRecords(1);
        JsonNode row = list.get(0);
        assertThat(row.get("channel").asText()).isEqualTo("email");
        assertThat(row.get("attachments").asInt()).isZero();
        assertThat(row.get("received").asText()).endsWith(":00:00Z");
        JsonNode shown = JSON.readTree(cli(
                        0,
                        "queue",
                        "show",
                        row.get("id").asText(),
                        "--home",
                        home.toString(),
                        "--key",
                        tmp.resolve("analyst.sec.asc").toString(),
                        "--passphrase-file",
                        tmp.resolve("empty-passphrase").toString(),
                        "--json")
                .stdout());
        assertThat(shown.get("body").asText()).contains("Ivory in container 4471 – leaving Mombasa Friday.");
        assertThat(shown.get("encrypted").asBoolean()).isTrue();
        assertThat(shown.get("signature").asText()).isEqualTo("unverified");
        assertThat(shown.get("handle").asText()).isEqualTo(row.get("handle").asText());
        cli(
                0,
                "queue",
                "show",
                row.get("id").asText(),
                "--home",
                home.toString(),
                "--key",
                tmp.resolve("analyst.sec.asc").toString(),
                "--passphrase-file",
                tmp.resolve("empty-passphrase").toString());

        gpg.generate("Not An Analyst <outsider@tipline.example>", false);
        Files.write(tmp.resolve("outsider.sec.asc"), gpg.exportSecret("outsider@tipline.example"));
        TipbridgeJar.Result wrongKey = cli(
                4,
                "queue",
                "show",
                row.get("id").asText(),
                "--home",
                home.toString(),
                "--key",
                tmp.resolve("outsider.sec.asc").toString(),
                "--passphrase-file",
                tmp.resolve("empty-passphrase").toString());
        assertThat(wrongKey.stderr().strip()).doesNotContain("\n").contains("not encrypted to that key");

        assertThat(mailboxCount()).isZero();
        stopDaemon();
        assertNoLeaks(
                "jane.source@example.net",
                "Jane Source",
                "s1x9",
                "198.51.100.77",
                "10.11.12.13",
                "203.0.113.45",
                "example.net",
                "SourceMail",
                "Thunderbird",
                "sels1x9");
    }

    @Test
    void sameSenderSameHandleOtherSenderOtherHandle() throws Exception {
        startDaemon();
        String a = "first.sender@example.org";
        String b = "second.sender@example.org";
        SmtpSubmit.send(
                "127.0.0.1",
                smtpPort,
                a,
                "tips@localhost",
                MailBuilder.plain(MailBuilder.identifyingHeaders(a, "a1"), "one", "first tip"));
        awaitRecords(1);
        SmtpSubmit.send(
                "127.0.0.1",
                smtpPort,
                a,
                "tips@localhost",
                MailBuilder.plain(MailBuilder.identifyingHeaders(a, "a2"), "two", "second tip"));
        awaitRecords(2);
        SmtpSubmit.send(
                "127.0.0.1",
                smtpPort,
                b,
                "tips@localhost",
                MailBuilder.plain(MailBuilder.identifyingHeaders(b, "b1"), "three", "third tip"));
        JsonNode list = awaitRecords(3);
        String newest = list.get(0).get("handle").asText();
        String middle = list.get(1).get("handle").asText();
        String oldest = list.get(2).get("handle").asText();
        assertThat(middle).isEqualTo(oldest);
        assertThat(newest).isNotEqualTo(oldest);
        assertThat(newest).matches("[a-z]+-[a-z]+-[0-9A-Z]{5}");
        stopDaemon();
    }

    @Test
    void failuresExitWithTheDocumentedCodesAndOneLine() throws Exception {
        String h = home.toString();
        String key = tmp.resolve("analyst.sec.asc").toString();
        String pass = tmp.resolve("empty-passphrase").toString();
        assertOneLine(cli(3, "queue", "show", "999", "--home", h, "--key", key, "--passphrase-file", pass));
        assertOneLine(cli(2, "queue", "list", "--home", h, "--limit", "0"));
        assertOneLine(cli(3, "queue", "list", "--home", tmp.resolve("nowhere").toString()));
        assertOneLine(cli(2, "init", "--home", h));
        assertThat(cli(2, "no-such-verb").stderr()).contains("no-such-verb");
        TipbridgeJar bad = new TipbridgeJar().env("TIPBRIDGE_MAILBOX_IMAP_PORT", "99999");
        TipbridgeJar.Result invalid = bad.run("queue", "list", "--home", h);
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.stderr())
                .contains("imap_port")
                .contains("TIPBRIDGE_MAILBOX_IMAP_PORT")
                .contains("1-65535");
    }

    private static void assertOneLine(TipbridgeJar.Result r) {
        assertThat(r.stderr().strip()).startsWith("tipbridge: ").doesNotContain("\n");
    }

    private int mailboxCount() throws Exception {
        return MailboxProbe.inbox(home, imapPort);
    }
}
