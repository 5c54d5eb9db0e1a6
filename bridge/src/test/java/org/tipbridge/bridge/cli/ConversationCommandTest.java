// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipbridge.bridge.cli.CliHome.HANDLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.outbox.ReplyCodec;
import org.tipbridge.bridge.outbox.ReplyDocument;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.NewReply;
import org.tipbridge.bridge.store.OutboxKind;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;

class ConversationCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CliHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.create(tmp);
        home.mapping(HANDLE);
    }

    @Test
    void conversationShowsTipsRepliesAndAcknowledgementsInOrder() throws Exception {
        home.mapping("quiet-heron-22222");
        for (int i = 0; i < 5; i++) {
            home.tip("quiet-heron-22222", "Other", "Another sender's tip.", false);
        }
        long early = queueDirectly(ReplyDocument.of(HANDLE, "Written before any tip."));
        long first = home.tip(HANDLE, "Shipment", "Crates leave on Friday.", true);
        long firstReply = reply("Which port?");
        long second = home.tip(HANDLE, "Port", "Mombasa, berth 4.", false);
        long secondReply = reply("Thank you, stay safe.");
        long ack = ackId();
        try (RecordStore store = home.store()) {
            store.outbox().markSending(firstReply, Instant.now());
            store.outbox().markSent(firstReply, Instant.now());
            store.outbox().markSending(ack, Instant.now());
            store.outbox().markSent(ack, Instant.now());
            store.outbox().markSending(secondReply, Instant.now());
            store.outbox().markNeedsDecision(secondReply, "no-source-key", Instant.now());
        }

        String text = Cli.expect(0, home.keyArgs("conversation", HANDLE)).stdout();
        JsonNode json = JSON.readTree(
                Cli.expect(0, home.keyArgs("conversation", HANDLE, "--json")).stdout());

        assertThat(text.lines().filter(l -> l.startsWith("--- ")))
                .containsExactly(
                        "--- Reply " + early + " by an analyst, queued",
                        "--- Tip " + first + ", received 2026-11-28T10:00:00Z (new)",
                        "--- Automatic acknowledgement, sent",
                        "--- Reply " + firstReply + " by an analyst, sent",
                        "--- Tip " + second + ", received 2026-11-28T10:00:00Z (new)",
                        "--- Reply " + secondReply + " by an analyst, waits for a decision (no-source-key)");
        assertThat(text).startsWith("Conversation " + HANDLE + "\n").doesNotContain("Another sender");
        assertInOrder(
                text,
                "Written before any tip.",
                "Subject: Shipment",
                "Crates leave on Friday.",
                "Which port?",
                "Mombasa, berth 4.",
                "Thank you, stay safe.");
        assertThat(json.get("handle").asText()).isEqualTo(HANDLE);
        JsonNode items = json.get("items");
        assertThat(types(items)).containsExactly("reply", "tip", "acknowledgement", "reply", "tip", "reply");
        assertThat(items.get(0).get("text").asText()).isEqualTo("Written before any tip.");
        assertThat(fields(items.get(1)))
                .containsExactly(
                        "type",
                        "id",
                        "received",
                        "status",
                        "assigned",
                        "tags",
                        "subject",
                        "body",
                        "encrypted",
                        "signature",
                        "warnings",
                        "attachments",
                        "notes");
        assertThat(items.get(1).get("id").asLong()).isEqualTo(first);
        assertThat(items.get(1).get("body").asText()).isEqualTo("Crates leave on Friday.");
        assertThat(items.get(1).get("attachments").get(0).get("name").asText()).isEqualTo("scan.pdf");
        assertThat(fields(items.get(1).get("attachments").get(0))).containsExactly("name", "contentType", "size");
        assertThat(fields(items.get(2))).containsExactly("type", "id", "status", "created");
        assertThat(items.get(2).get("status").asText()).isEqualTo("sent");
        assertThat(fields(items.get(3)))
                .containsExactly("type", "id", "status", "attempts", "lastError", "created", "text");
        assertThat(items.get(3).get("text").asText()).isEqualTo("Which port?");
        assertThat(items.get(3).get("lastError").isNull()).isTrue();
        assertThat(items.get(5).get("status").asText()).isEqualTo("needs-decision");
        assertThat(items.get(5).get("lastError").asText()).isEqualTo("no-source-key");
    }

    @Test
    void conversationWithWrongKeyExitsCannotDecrypt() throws Exception {
        long tip = home.tip(HANDLE, "Shipment", "Crates leave on Friday.", false);
        reply("Which port?");
        GeneratedKey outsider =
                OpenPgp.create().generateKey("Outsider <out@example.org>", "correct horse".toCharArray());
        outsider.key().destroy();
        Files.writeString(home.analystKey, outsider.armoredProtectedSecret());

        Cli.Result r = Cli.expect(4, home.keyArgs("conversation", HANDLE));

        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr().strip())
                .startsWith("tipbridge: record " + tip + ": this record is not encrypted to that key")
                .doesNotContain("\n")
                .doesNotContain("Crates");
    }

    @Test
    void conversationOutputHasNoEscapeCharacters() throws Exception {
        String hostile = "\u001B[31mred alert\u001B[0m and \u001B]0;owned title\u0007 done \u202Eevil";
        home.tip(HANDLE, "\u001B[2JSubject", "Body \u001B[8mhidden\u001B[0m", false);
        reply(hostile);

        String text = Cli.expect(0, home.keyArgs("conversation", HANDLE)).stdout();
        String json =
                Cli.expect(0, home.keyArgs("conversation", HANDLE, "--json")).stdout();

        for (String out : List.of(text, json)) {
            assertThat(out.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t'))
                    .isEmpty();
            assertThat(out).doesNotContain("\u202E");
        }
        assertThat(text).contains("\\u001B[31mred alert\\u001B[0m and \\u001B]0;owned title\\u0007 done \\u202Eevil");
        assertThat(JSON.readTree(json).get("items").get(1).get("text").asText()).isEqualTo(hostile);
    }

    @Test
    void replyOfControlCharactersAtTheSizeLimitStillOpens() throws Exception {
        home.tip(HANDLE, "Shipment", "Crates leave on Friday.", false);
        String worstCase = "\u0001".repeat(ReplyDocument.MAX_TEXT_BYTES);
        reply(worstCase);

        JsonNode json = JSON.readTree(
                Cli.expect(0, home.keyArgs("conversation", HANDLE, "--json")).stdout());

        assertThat(json.get("items").get(1).get("text").asText()).isEqualTo(worstCase);
        assertThat((long) new ReplyCodec().encode(ReplyDocument.of(HANDLE, worstCase)).length)
                .isGreaterThan(6L * ReplyDocument.MAX_TEXT_BYTES)
                .isLessThanOrEqualTo(ReplyDocument.MAX_SEALED_PLAINTEXT_BYTES);
    }

    @Test
    void conversationRefusesAReplyWrittenForAnotherHandle() throws Exception {
        home.tip(HANDLE, "Shipment", "Crates leave on Friday.", false);
        long moved = queueDirectly(ReplyDocument.of("brave-lynx-00000", "Meant for someone else"));

        Cli.Result r = Cli.expect(1, home.keyArgs("conversation", HANDLE));

        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr())
                .contains("reply " + moved + " was written to another conversation")
                .doesNotContain("someone else");
    }

    @Test
    void conversationOfUnknownHandleExitsNotFoundBeforeAskingForTheKey() {
        Cli.Result r = Cli.expect(3, home.args("conversation", "brave-lynx-00000", "--key", tmp.resolve("none.asc")));

        assertThat(r.stderr()).contains("no conversation brave-lynx-00000");
    }

    private long reply(String text) {
        return Long.parseLong(Cli.expect(0, home.args("reply", HANDLE, "--message", text))
                .stdout()
                .split(" ")[2]);
    }

    /** Queues a reply the way the CLI does, but with any document (no record needed). */
    private long queueDirectly(ReplyDocument doc) throws Exception {
        byte[] sealed = CliHome.seal(new ReplyCodec().encode(doc), home.analyst);
        try (RecordStore store = home.store()) {
            return store.outbox().queueReply(new NewReply(HANDLE, Channel.EMAIL, sealed, sealed, false, Instant.now()));
        }
    }

    private long ackId() {
        try (RecordStore store = home.store()) {
            return store.outbox().list(100).stream()
                    .filter(e -> e.kind() == OutboxKind.ACKNOWLEDGEMENT)
                    .findFirst()
                    .orElseThrow()
                    .id();
        }
    }

    private static void assertInOrder(String text, String... parts) {
        int from = 0;
        for (String part : parts) {
            int at = text.indexOf(part, from);
            assertThat(at).as("'%s' after position %d", part, from).isGreaterThanOrEqualTo(0);
            from = at + part.length();
        }
    }

    private static List<String> types(JsonNode items) {
        List<String> types = new ArrayList<>();
        items.forEach(i -> types.add(i.get("type").asText()));
        return types;
    }

    private static List<String> fields(JsonNode node) {
        List<String> fields = new ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        return fields;
    }
}
