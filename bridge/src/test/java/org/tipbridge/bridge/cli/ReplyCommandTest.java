// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tipbridge.bridge.cli.CliHome.HANDLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.outbox.ReplyDocument;
import org.tipbridge.bridge.store.OutboxItem;
import org.tipbridge.bridge.store.OutboxStatus;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.testing.LeakScanner;
import org.tipbridge.pgp.SecretKey;

class ReplyCommandTest {
    private static final String SECRET_TEXT = "Meet the courier at silo 7731 after the Zanzibar ferry";

    @TempDir
    Path tmp;

    private CliHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.withOneTip(tmp, false);
    }

    @Test
    void replyIsSealedAndNeverStoredInClear() throws Exception {
        Cli.Result r = Cli.expect(0, home.args("reply", HANDLE, "--message", SECRET_TEXT));

        assertThat(r.stdout().strip())
                .matches("Queued reply \\d+ to amber-otter-7K4QX\\. `tipbridge outbox list` shows when it leaves\\.");
        assertThat(r.stdout() + r.stderr()).doesNotContain("silo 7731");
        assertThat(new LeakScanner()
                        .identifier(SECRET_TEXT)
                        .identifier("silo 7731")
                        .scanTree(org.tipbridge.bridge.store.TestDatabases.dumpHome(home.dir)))
                .isEmpty();
        try (RecordStore store = home.store();
                SecretKey bridge = home.bridgeSecret();
                SecretKey analyst = home.analystSecret()) {
            byte[] forBridge = store.outbox()
                    .due(java.time.Instant.now(), 10)
                    .get(0)
                    .sealedText()
                    .orElseThrow();
            byte[] forAnalysts =
                    store.outbox().conversation(HANDLE).get(0).sealedText().orElseThrow();
            assertThat(CliHome.openReply(forBridge, bridge)).isEqualTo(ReplyDocument.of(HANDLE, SECRET_TEXT));
            assertThat(CliHome.openReply(forAnalysts, analyst)).isEqualTo(ReplyDocument.of(HANDLE, SECRET_TEXT));
            assertThatThrownBy(() -> CliHome.openReply(forBridge, analyst))
                    .as("the bridge copy is for the bridge alone");
            assertThatThrownBy(() -> CliHome.openReply(forAnalysts, bridge))
                    .as("the analyst copy is not for the bridge");
        }
    }

    @Test
    void replyJsonNamesTheQueuedEntry() throws Exception {
        JsonNode json = new ObjectMapper()
                .readTree(Cli.expect(0, home.args("reply", HANDLE, "--message", "Thank you.", "--json"))
                        .stdout());

        assertThat(json.get("id").asLong()).isPositive();
        assertThat(json.get("handle").asText()).isEqualTo(HANDLE);
        assertThat(json.get("channel").asText()).isEqualTo("email");
        assertThat(json.get("status").asText()).isEqualTo("queued");
        try (RecordStore store = home.store()) {
            assertThat(store.outbox().get(json.get("id").asLong()).orElseThrow().status())
                    .isEqualTo(OutboxStatus.QUEUED);
        }
    }

    @Test
    void replyToUnknownHandleExitsNotFound() {
        home.mapping("quiet-heron-22222");

        Cli.Result unknown = Cli.expect(3, home.args("reply", "brave-lynx-00000", "--message", "Hello"));
        Cli.Result noRecords = Cli.expect(3, home.args("reply", "quiet-heron-22222", "--message", "Hello"));
        Cli.Result malformed = Cli.expect(3, home.args("reply", "\u001B[2Jnot-a-handle", "--message", "Hello"));

        assertThat(unknown.stderr())
                .contains("no conversation brave-lynx-00000; `tipbridge queue list` shows the handles");
        assertThat(noRecords.stderr()).contains("no conversation quiet-heron-22222");
        assertThat(malformed.stderr())
                .contains("no conversation with that handle")
                .doesNotContain("\u001B");
        assertThat(queued()).isEmpty();
    }

    @Test
    void replyNeedsExactlyOneOfMessageAndFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("reply.txt"), "from the file");

        Cli.Result both = Cli.expect(2, home.args("reply", HANDLE, "--message", SECRET_TEXT, "--file", file));
        Cli.Result neither = Cli.expect(2, home.args("reply", HANDLE));

        assertThat(both.stderr()).contains("mutually exclusive").doesNotContain("silo 7731");
        assertThat(neither.stderr()).contains("--message").contains("--file");
        assertThat(queued()).isEmpty();
    }

    @Test
    void replyTextTypedWithoutMessageIsNotEchoed() {
        Cli.Result stray = Cli.expect(2, home.args("reply", HANDLE, "Meet", "the", "courier"));
        Cli.Result typo = Cli.expect(2, home.args("reply", HANDLE, "--message", "Hello", "--jsno"));

        assertThat(stray.stderr()).contains("unexpected arguments").doesNotContain("courier");
        assertThat(typo.stderr()).contains("--jsno");
        assertThat(queued()).isEmpty();
    }

    @Test
    void replyRefusesInvalidUtf8File() throws Exception {
        byte[] latin1 = "Rendez-vous \u00e0 la gare de Kisumu".getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(tmp.resolve("latin1.txt"), latin1);

        Cli.Result r = Cli.expect(2, home.args("reply", HANDLE, "--file", file));

        assertThat(r.stderr()).contains("is not valid UTF-8").doesNotContain("Kisumu");
        assertThat(r.stderr().strip()).doesNotContain("\n");
        assertThat(queued()).isEmpty();
    }

    @Test
    void replyRefusesOversizedText() {
        String ascii = "a".repeat(ReplyDocument.MAX_TEXT_BYTES + 1);
        String twoByteChars = "\u00e9".repeat(ReplyDocument.MAX_TEXT_BYTES / 2 + 1);

        Cli.Result tooLong = Cli.expect(2, home.args("reply", HANDLE, "--message", ascii));
        Cli.expect(2, home.args("reply", HANDLE, "--message", twoByteChars));
        Cli.expect(0, home.args("reply", HANDLE, "--message", "a".repeat(ReplyDocument.MAX_TEXT_BYTES)));

        assertThat(tooLong.stderr()).contains(Integer.toString(ReplyDocument.MAX_TEXT_BYTES));
        assertThat(queued()).hasSize(1);
    }

    @Test
    void replyRefusesBlankText() {
        Cli.Result r = Cli.expect(2, home.args("reply", HANDLE, "--message", " \r\n\t "));

        assertThat(r.stderr()).contains("the reply is empty");
        assertThat(queued()).isEmpty();
    }

    @Test
    void replyFileLineEndsAreNormalised() throws Exception {
        byte[] bytes = "\uFEFFfirst\r\nsecond\rthird\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(tmp.resolve("crlf.txt"), bytes);

        Cli.expect(0, home.args("reply", HANDLE, "--file", file, "--allow-plaintext"));

        try (RecordStore store = home.store();
                SecretKey analyst = home.analystSecret()) {
            OutboxItem item = store.outbox().conversation(HANDLE).get(0);
            assertThat(item.entry().allowPlaintext()).isTrue();
            assertThat(CliHome.openReply(item.sealedText().orElseThrow(), analyst)
                            .text())
                    .isEqualTo("first\nsecond\nthird\n");
        }
    }

    @Test
    void replyTextFromStandardInputIsSealedAndNeverStoredInClear() throws Exception {
        byte[] typed = ("\uFEFF" + SECRET_TEXT + "\r\nSecond line.\n").getBytes(StandardCharsets.UTF_8);

        Cli.Result r = withStandardInput(typed, home.args("reply", HANDLE, "--file", "-"));

        assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isZero();
        assertThat(r.stdout() + r.stderr()).doesNotContain("silo 7731");
        assertThat(new LeakScanner()
                        .identifier("silo 7731")
                        .scanTree(org.tipbridge.bridge.store.TestDatabases.dumpHome(home.dir)))
                .isEmpty();
        try (RecordStore store = home.store();
                SecretKey analyst = home.analystSecret()) {
            byte[] sealed =
                    store.outbox().conversation(HANDLE).get(0).sealedText().orElseThrow();
            assertThat(CliHome.openReply(sealed, analyst).text()).isEqualTo(SECRET_TEXT + "\nSecond line.\n");
        }
    }

    @Test
    void replyFromStandardInputGetsTheSameChecksAsAFile() {
        byte[] latin1 = "Rendez-vous \u00e0 la gare de Kisumu".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tooLong = "a".repeat(2 * ReplyDocument.MAX_TEXT_BYTES + 1).getBytes(StandardCharsets.US_ASCII);

        Cli.Result notUtf8 = withStandardInput(latin1, home.args("reply", HANDLE, "--file", "-"));
        Cli.Result oversized = withStandardInput(tooLong, home.args("reply", HANDLE, "--file", "-"));
        Cli.Result blank = withStandardInput(new byte[] {' ', '\n'}, home.args("reply", HANDLE, "--file", "-"));

        assertThat(notUtf8.exitCode()).isEqualTo(2);
        assertThat(notUtf8.stderr())
                .contains("standard input is not valid UTF-8")
                .doesNotContain("Kisumu");
        assertThat(oversized.exitCode()).isEqualTo(2);
        assertThat(oversized.stderr()).contains(Integer.toString(ReplyDocument.MAX_TEXT_BYTES));
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.stderr()).contains("the reply is empty");
        assertThat(queued()).isEmpty();
    }

    @Test
    void helpWarnsThatMessageLandsInShellHistoryAndOffersStandardInput() {
        String help = Cli.expect(0, "reply", "--help").stdout().replaceAll("\\s+", " ");

        assertThat(help)
                .contains("ends up in the shell history")
                .contains("process list")
                .contains("prefer --file -")
                .contains("- reads it from standard input");
    }

    @Test
    void replyWithoutUsableAnalystSaysWhatToDo() throws Exception {
        try (var certs = Files.list(home.config.keys().analystsDir())) {
            for (Path cert : certs.toList()) {
                Files.delete(cert);
            }
        }

        Cli.Result r = Cli.expect(1, home.args("reply", HANDLE, "--message", "Hello"));

        assertThat(r.stderr()).contains("tipbridge analysts add");
        assertThat(queued()).isEmpty();
    }

    /** Runs the verb with {@code input} as standard input, restoring the real one afterwards. */
    private static Cli.Result withStandardInput(byte[] input, Object... args) {
        InputStream real = System.in;
        try {
            System.setIn(new ByteArrayInputStream(input));
            return Cli.run(args);
        } finally {
            System.setIn(real);
        }
    }

    private List<OutboxItem> queued() {
        try (RecordStore store = home.store()) {
            return store.outbox().conversation(HANDLE);
        }
    }
}
