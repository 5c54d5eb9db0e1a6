// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.testing.TipbridgeJar;
import org.tipbridge.signal.Endpoint;
import org.tipbridge.signal.FakeSignalCli;
import org.tipbridge.signal.SignalFixtures;

/**
 * Drives the real jar against a fake signal-cli on a UNIX socket in this JVM, configured in the
 * home as an operator would: tips, an attachment, a quote, and the envelopes that must not become
 * records (group, receipt, typing, sync, one signal-cli could not decrypt); then the analyst's CLI
 * and a reply through the same socket.
 */
class SignalEndToEndTest extends EndToEndBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Sends the text, attachment, group, typing and undecryptable envelopes. */
    private static final String ACI_A = "566ff4e9-f061-49ad-bc27-b1dea43b8bbb";
    /** Sends the quote and the receipt. */
    private static final String ACI_B = "85edcab9-52e7-4ded-abcd-badfe27aa0cd";

    private static final String ATTACHMENT_ID = "7FvT-bOPk7ClzOaPWK4k.jpg";
    /** In the order pushed; the last is a tip, so once it is a record every earlier one was taken. */
    private static final List<String> PUSHED = List.of(
            "text.json",
            "group-message.json",
            "receipt.json",
            "typing.json",
            "sync-sent.json",
            "exception-envelope.json",
            "attachment-photo-exif.json",
            "quote.json");
    /** Numbers (with and without +), ACIs (also without dashes), profile names, the device field. */
    private static final List<String> SENDER_IDENTIFIERS = List.of(
            "+4915112345678",
            "4915112345678",
            "+254722334455",
            "254722334455",
            "+254712345678",
            "254712345678",
            ACI_A,
            ACI_A.replace("-", ""),
            ACI_B,
            ACI_B.replace("-", ""),
            "dc72886a-3dd1-4f8b-8aac-a2c54e86f717",
            "Ranger Amina",
            "Joseph Kiprono",
            "Kiprono",
            "Tip line desk",
            "sourceDevice",
            "sourceUuid");
    /** What the envelopes that are not tips carried: it must be nowhere, not even in the CLI's output. */
    private static final List<String> NOT_TIPS = List.of(
            "Patrol moves to the northern block",
            "Kakamega north patrol",
            "6z/jI2um2JlZsta6KW7VqmDkG91e2vli1jSS43BqNwQ=",
            "passed this on to the county team",
            "PreKeySignalMessage");

    @TempDir
    Path tmp;

    private FakeSignalCli signalCli;
    private Path attachments;
    private Path logFile;
    private Path analystKey;
    private Path passphrase;

    @BeforeEach
    void setUp() throws Exception {
        home = tmp.resolve("home");
        log = tmp.resolve("daemon.out");
        logFile = home.resolve("tipbridge.log");
        signalCli = FakeSignalCli.start(Files.createDirectories(tmp.resolve("run")));
        attachments = Files.createDirectories(tmp.resolve("signal-data/attachments"));
        jar = new TipbridgeJar()
                .env("TIPBRIDGE_MAILBOX_SMTP_PORT", Integer.toString(TipbridgeJar.freePort()))
                .env("TIPBRIDGE_MAILBOX_IMAP_PORT", Integer.toString(TipbridgeJar.freePort()))
                .env("TIPBRIDGE_OUTBOUND_POLL_SECONDS", "1")
                .env("TIPBRIDGE_LOG_LEVEL", "debug");
        String init = cli(0, "init", "--home", home.toString()).stdout();
        org.tipbridge.bridge.store.TestDatabases.useIn(home);
        analystKey = SignalHome.initOutput(init, "Quickstart analyst key:");
        passphrase = SignalHome.initOutput(init, "Its passphrase:");
        SignalHome.configure(
                home,
                (Endpoint.Unix) signalCli.endpoint(FakeSignalCli.Transport.UNIX),
                attachments.getParent(),
                "tipbridge.log");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly().waitFor();
        }
        signalCli.close();
    }

    @Override
    protected String diagnostics() throws IOException {
        return super.diagnostics() + (Files.exists(logFile) ? Files.readString(logFile) : "");
    }

    @Test
    void signalTipsBecomeRecordsAndKeepNoSenderIdentifiers() throws Exception {
        byte[] photo = photoWithExif();
        Path file = Files.write(attachments.resolve(ATTACHMENT_ID), photo);
        startDaemon();
        PUSHED.forEach(name -> signalCli.push(SignalFixtures.line(name)));
        JsonNode list = awaitRecords(3);
        assertThat(list)
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.get("channel").asText()).isEqualTo("signal"));

        JsonNode text = show(list.get(2));
        JsonNode photoTip = show(list.get(1));
        JsonNode quote = show(list.get(0));
        assertThat(text.get("body").asText()).startsWith("Two trucks loading logs at the old sawmill");
        assertThat(photoTip.get("attachments")).hasSize(1);
        assertThat(photoTip.get("attachments").get(0).get("contentType").asText())
                .isEqualTo("image/jpeg");
        assertThat(photoTip.get("attachments").get(0).get("size").asLong()).isEqualTo(photo.length);
        assertThat(quote.get("body").asText()).isEqualTo("Yes, the same lorry as last week, plate starts with KDA.");
        assertThat(quote.get("warnings").toString()).contains("quoted an earlier one");
        assertThat(photoTip.get("handle").asText())
                .as("same ACI, same handle")
                .isEqualTo(text.get("handle").asText());
        assertThat(quote.get("handle").asText())
                .as("another ACI, another handle")
                .isNotEqualTo(text.get("handle").asText());
        assertThat(Files.exists(file)).as("signal-cli's copy of the attachment").isFalse();

        JsonNode conversation = conversation(text.get("handle").asText());
        assertThat(conversation.get("items").findValuesAsText("type"))
                .containsExactlyInAnyOrder("tip", "tip", "acknowledgement");
        awaitSignalStatus();
        stopDaemon();

        assertThat(JSON.readTree(cli(0, "queue", "list", "--home", home.toString(), "--json")
                        .stdout()))
                .as("no record from group, receipt, typing, sync or the undecryptable envelope")
                .hasSize(3);
        assertThat(spoolItems()).as("every envelope left the spool").isEmpty();
        assertThat(Files.readString(logFile))
                .as("the log file scanned below")
                .contains("this node now receives Signal messages");
        assertNoLeaks(identifiers());
        assertNoLeaks(NOT_TIPS.toArray(String[]::new));
        assertNotStoredInClear("Two trucks loading logs", "plate starts with KDA", "Snare line", "GPS-0.2833N");
    }

    @Test
    void analystReplyReachesTheAciOnceAfterOneAcknowledgementPerSource() throws Exception {
        startDaemon();
        signalCli.push(SignalFixtures.line("text.json"));
        signalCli.push(SignalFixtures.line("quote.json"));
        JsonNode list = awaitRecords(2);
        String handleA = list.get(1).get("handle").asText();
        String handleB = list.get(0).get("handle").asText();
        await("one acknowledgement per source", 30, () -> signalCli.sendCalls().size() >= 2);

        String words = "Thank you. Which road did the lorry take? – Ü";
        assertThat(cli(0, "reply", handleA, "--home", home.toString(), "--message", words)
                        .stdout())
                .contains("Queued reply");
        await("the reply sent", 30, () -> signalCli.sendCalls().size() >= 3 && allSent(3));

        List<JsonNode> sends = signalCli.sendCalls();
        assertThat(sends).as("two acknowledgements and one reply, nothing else").hasSize(3);
        assertThat(sends.subList(0, 2))
                .extracting(s -> s.get("recipient").toString())
                .containsExactlyInAnyOrder("[\"" + ACI_A + "\"]", "[\"" + ACI_B + "\"]");
        JsonNode ackA = sends.subList(0, 2).stream()
                .filter(s -> s.get("recipient").get(0).asText().equals(ACI_A))
                .findFirst()
                .orElseThrow();
        assertThat(ackA.get("message").asText()).contains(handleA).doesNotContain(handleB);
        JsonNode reply = sends.get(2);
        assertThat(reply.get("recipient").toString()).isEqualTo("[\"" + ACI_A + "\"]");
        assertThat(reply.get("message").asText()).isEqualTo("Re: your report [" + handleA + "]\n\n" + words);
        assertThat(sends).allSatisfy(s -> assertThat(s.has("account")).isFalse());

        JsonNode items = conversation(handleA).get("items");
        assertThat(items.findValuesAsText("type")).containsExactlyInAnyOrder("tip", "acknowledgement", "reply");
        assertThat(items.findValuesAsText("text")).contains(words);
        stopDaemon();
        assertNoLeaks(identifiers());
        assertNotStoredInClear(words, "Which road", "Two trucks loading logs");
    }

    /** A JPEG start with an EXIF segment holding a GPS-like marker, then an end marker. */
    private static byte[] photoWithExif() {
        byte[] exif = "Exif\0\0GPS-0.2833N-34.8500E Canon EOS".getBytes(StandardCharsets.ISO_8859_1);
        byte[] photo = new byte[exif.length + 8];
        photo[0] = (byte) 0xFF;
        photo[1] = (byte) 0xD8;
        photo[2] = (byte) 0xFF;
        photo[3] = (byte) 0xE1;
        photo[4] = (byte) ((exif.length + 2) >> 8);
        photo[5] = (byte) (exif.length + 2);
        System.arraycopy(exif, 0, photo, 6, exif.length);
        photo[photo.length - 2] = (byte) 0xFF;
        photo[photo.length - 1] = (byte) 0xD9;
        return photo;
    }

    private JsonNode show(JsonNode row) throws Exception {
        return JSON.readTree(cli(
                        0,
                        "queue",
                        "show",
                        row.get("id").asText(),
                        "--home",
                        home.toString(),
                        "--key",
                        analystKey.toString(),
                        "--passphrase-file",
                        passphrase.toString(),
                        "--json")
                .stdout());
    }

    private JsonNode conversation(String handle) throws Exception {
        return conversation(handle, analystKey, passphrase);
    }

    /** Waits until {@code status --json} shows the Signal channel connected and one undecryptable envelope. */
    private void awaitSignalStatus() throws Exception {
        await("status shows Signal connected with 1 undecryptable", 40, () -> {
            JsonNode signal = JSON.readTree(cli(0, "status", "--home", home.toString(), "--json")
                            .stdout())
                    .path("channels")
                    .path("signal");
            return signal.path("state").asText().equals("connected")
                    && signal.path("undecryptable").asLong() == 1
                    && signal.path("lastMessage").isTextual();
        });
    }

    private boolean allSent(int entries) throws Exception {
        JsonNode outbox = JSON.readTree(
                cli(0, "outbox", "list", "--home", home.toString(), "--json").stdout());
        if (outbox.size() != entries) {
            return false;
        }
        for (JsonNode entry : outbox) {
            if (!entry.get("status").asText().equals("sent")) {
                return false;
            }
        }
        return true;
    }

    private List<Path> spoolItems() throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".item"))
                    .toList();
        }
    }

    /** The sender identifiers and every exact timestamp (milliseconds and seconds) of the fixtures. */
    private static String[] identifiers() throws IOException {
        Set<String> all = new LinkedHashSet<>(SENDER_IDENTIFIERS);
        for (String name : PUSHED) {
            List<JsonNode> numbers = new ArrayList<>();
            collectTimestamps(JSON.readTree(SignalFixtures.load(name)), numbers);
            for (JsonNode n : numbers) {
                all.add(Long.toString(n.asLong()));
                all.add(Long.toString(n.asLong() / 1000));
            }
        }
        assertThat(all).contains("1767268800000", "1767268921530", "1767269700701");
        return all.toArray(String[]::new);
    }

    private static void collectTimestamps(JsonNode node, List<JsonNode> into) {
        if (node.isIntegralNumber() && node.asLong() > 1_000_000_000_000L) {
            into.add(node);
        }
        node.forEach(child -> collectTimestamps(child, into));
    }
}
