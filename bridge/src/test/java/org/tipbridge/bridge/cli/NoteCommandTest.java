// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipbridge.bridge.cli.CliHome.HANDLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.store.Cases;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.testing.LeakScanner;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;

class NoteCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTE = "Called the harbour office; the crates match.";

    @TempDir
    Path tmp;

    private CliHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.withOneTip(tmp, false);
    }

    private List<Cases.Note> notes(long id) {
        try (RecordStore store = home.store()) {
            return store.cases().notes(id);
        }
    }

    @Test
    void noteIsSealedToTheAnalystsAndNeverInClearInTheHome() throws Exception {
        Cli.Result r = Cli.expect(0, home.args("note", 1, "--message", NOTE));

        assertThat(r.stdout()).isEqualTo("Added note 1 to record 1. `tipbridge queue show 1 --key FILE` shows it.\n");
        byte[] sealed = notes(1).get(0).sealedNote();
        assertThat(sealed[0] & 0x80).as("an OpenPGP packet header").isNotZero();
        try (SecretKey key = home.analystSecret()) {
            DecryptingStream plain =
                    OpenPgp.create().decrypt(new ByteArrayInputStream(sealed), DecryptOptions.with(key, 1 << 20));
            JsonNode doc = JSON.readTree(plain.readAllBytes());
            plain.close();
            assertThat(doc.get("text").asText()).isEqualTo(NOTE);
            assertThat(doc.get("recordId").asLong()).isEqualTo(1);
        }
        assertThat(new LeakScanner()
                        .identifier(NOTE)
                        .identifier("harbour office")
                        .scanTree(home.dir))
                .isEmpty();
    }

    @Test
    void queueShowListsNotesOldestFirstInTextAndJson() throws Exception {
        Cli.expect(0, home.args("note", 1, "--message", "First look: plausible."));
        Path second = Files.writeString(tmp.resolve("note.txt"), "Second:\r\nasked legal.\r\n");
        Cli.expect(0, home.args("note", 1, "--file", second));

        String text = Cli.expect(0, home.keyArgs("queue", "show", 1)).stdout();
        JsonNode json = JSON.readTree(
                Cli.expect(0, home.keyArgs("queue", "show", 1, "--json")).stdout());

        assertThat(text)
                .containsSubsequence(
                        "Crates leave on Friday.",
                        "--- Note 1 by " + Actor.current() + ", ",
                        "First look: plausible.",
                        "--- Note 2 by ",
                        "Second:\nasked legal.\n");
        assertThat(json.get("notes")).hasSize(2);
        assertThat(json.get("notes").get(0).get("text").asText()).isEqualTo("First look: plausible.");
        assertThat(json.get("notes").get(1).get("actor").asText()).isEqualTo(Actor.current());
        assertThat(json.get("notes").get(1).get("at").asText()).isNotBlank();
    }

    @Test
    void conversationShowsNotesUnderTheirRecord() throws Exception {
        home.tip(HANDLE, "Follow-up", "They moved it to Saturday.", false);
        Cli.expect(0, home.args("note", 1, "--message", "About the first tip."));

        String text = Cli.expect(0, home.keyArgs("conversation", HANDLE)).stdout();
        JsonNode json = JSON.readTree(
                Cli.expect(0, home.keyArgs("conversation", HANDLE, "--json")).stdout());

        assertThat(text).containsSubsequence("--- Tip 1", "About the first tip.", "--- Tip 2");
        assertThat(json.get("items").get(0).get("notes").get(0).get("text").asText())
                .isEqualTo("About the first tip.");
        assertThat(json.get("items").get(1).get("notes")).isEmpty();
    }

    @Test
    void controlCharactersInANoteNeverReachTheTerminalRaw() throws Exception {
        Cli.expect(0, home.args("note", 1, "--message", "red \u001b[31malert\u001b[0m \u202Eevil"));

        String text = Cli.expect(0, home.keyArgs("queue", "show", 1)).stdout();
        String json = Cli.expect(0, home.keyArgs("queue", "show", 1, "--json")).stdout();
        String conversation =
                Cli.expect(0, home.keyArgs("conversation", HANDLE)).stdout();

        for (String out : List.of(text, json, conversation)) {
            assertThat(out).doesNotContain("\u001b").doesNotContain("\u202E").contains("\\u001B[31malert");
        }
    }

    @Test
    void emptyTooLongOrHomelessNotesAreRefusedAndNothingIsStored() throws Exception {
        assertThat(Cli.expect(2, home.args("note", 1, "--message", "  \n ")).stderr())
                .contains("the note is empty");
        Path big = Files.writeString(tmp.resolve("big.txt"), "x".repeat(64 * 1024 + 1));
        assertThat(Cli.expect(2, home.args("note", 1, "--file", big)).stderr())
                .contains("the note is longer than 65536 bytes");
        Cli.expect(3, home.args("note", 99, "--message", "lost"));
        Cli.expect(2, home.args("note", 1));

        assertThat(notes(1)).isEmpty();
        assertThat(notes(99)).isEmpty();
        assertThat(Cli.expect(0, home.args("audit")).stdout()).contains("The audit log is empty.");
    }

    @Test
    void aNoteMovedToAnotherRecordIsRefused() throws Exception {
        home.tip(HANDLE, "Other", "Another tip.", false);
        Cli.expect(0, home.args("note", 1, "--message", "Belongs to record 1."));
        byte[] sealed = notes(1).get(0).sealedNote();
        try (RecordStore store = home.store()) {
            store.cases().addNote(2, sealed, new Cases.Action("mallory", CliHome.RECEIVED));
        }

        Cli.Result r = Cli.expect(1, home.keyArgs("queue", "show", 2));

        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).contains("was written about another record").doesNotContain("Belongs");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Belongs");
    }
}
