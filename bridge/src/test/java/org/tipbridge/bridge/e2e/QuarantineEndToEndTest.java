// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The real jar: a plaintext tip refused by policy, read redacted from quarantine, then released into a record. */
class QuarantineEndToEndTest extends EndToEndBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "jane.source@example.net";

    @TempDir
    Path tmp;

    private int smtpPort;

    @BeforeEach
    void setUp() throws Exception {
        home = tmp.resolve("home");
        log = tmp.resolve("daemon.log");
        Gpg gpg = new Gpg(tmp.resolve("gnupg"));
        smtpPort = TipbridgeJar.freePort();
        jar = new TipbridgeJar()
                .env("TIPBRIDGE_MAILBOX_SMTP_PORT", Integer.toString(smtpPort))
                .env("TIPBRIDGE_MAILBOX_IMAP_PORT", Integer.toString(TipbridgeJar.freePort()))
                .env("TIPBRIDGE_MAILBOX_POLL_SECONDS", "1")
                .env("TIPBRIDGE_INTAKE_ACCEPT_PLAINTEXT", "false");
        cli(0, "init", "--home", home.toString(), "--no-analyst-key");
        org.tipbridge.bridge.store.TestDatabases.useIn(home);
        gpg.generate("Analyst One <analyst@tipline.example>", false);
        Path analystPub = tmp.resolve("analyst.pub.asc");
        Files.write(analystPub, gpg.exportPublic("analyst@tipline.example"));
        Files.write(tmp.resolve("analyst.sec.asc"), gpg.exportSecret("analyst@tipline.example"));
        Files.writeString(tmp.resolve("empty-passphrase"), "");
        cli(0, "analysts", "add", "--home", home.toString(), analystPub.toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly().waitFor();
        }
    }

    private JsonNode list() throws Exception {
        return JSON.readTree(cli(0, "quarantine", "list", "--json", "--home", home.toString())
                .stdout());
    }

    @Test
    void plaintextTipIsReadRedactedFromQuarantineThenReleasedIntoARecord() throws Exception {
        startDaemon();
        SmtpSubmit.send(
                "127.0.0.1",
                smtpPort,
                SOURCE,
                "tips@localhost",
                MailBuilder.plain(
                        MailBuilder.identifyingHeaders(SOURCE, "e2eq"), "Ivory", "Container 4471 leaves Friday."));
        await(
                "quarantined with a copy",
                60,
                () -> list().size() == 1 && list().get(0).get("copy").asBoolean());
        String id = list().get(0).get("id").asText();

        JsonNode shown = JSON.readTree(cli(
                        0,
                        "quarantine",
                        "show",
                        id,
                        "--json",
                        "--home",
                        home.toString(),
                        "--key",
                        tmp.resolve("analyst.sec.asc").toString(),
                        "--passphrase-file",
                        tmp.resolve("empty-passphrase").toString())
                .stdout());
        assertThat(shown.get("reason").asText()).isEqualTo("plaintext-refused");
        assertThat(shown.get("body").asText()).contains("Container 4471 leaves Friday.");
        assertThat(shown.get("headers").toString()).contains("Ivory").doesNotContain("Received");

        cli(0, "quarantine", "release", id, "--override", "plaintext-refused", "--home", home.toString());
        await("released", 60, () -> list().get(0).get("state").asText().equals("released"));
        awaitRecords(1);
        stopDaemon();

        assertThat(Files.readString(log))
                .contains("quarantine entry " + id + " re-run with override plaintext-refused");
        assertNoLeaks(SOURCE, "198.51.100.77", "203.0.113.45", "phone-e2eq.example.net", "e2eq.4711");
        assertNotStoredInClear("Container 4471 leaves Friday.");
    }
}
