// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipbridge.bridge.cli.CliHome.HANDLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.store.Outbox;
import org.tipbridge.bridge.store.OutboxEntry;
import org.tipbridge.bridge.store.OutboxKind;
import org.tipbridge.bridge.store.OutboxStatus;
import org.tipbridge.bridge.store.RecordStore;

class OutboxCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CliHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.withOneTip(tmp, true);
    }

    @Test
    void emptyOutboxSaysSo() throws Exception {
        CliHome fresh = CliHome.create(tmp.resolve("fresh"));

        assertThat(Cli.expect(0, fresh.args("outbox", "list")).stdout()).isEqualTo("The outbox is empty.\n");
        assertThat(Cli.expect(0, fresh.args("outbox", "list", "--json"))
                        .stdout()
                        .strip())
                .isEqualTo("[ ]");
    }

    @Test
    void outboxListSaysWhenNothingCanLeave() throws Exception {
        reply("Thank you.");
        java.nio.file.Path toml = tmp.resolve("home").resolve("tipbridge.toml");
        String text = java.nio.file.Files.readString(toml);
        java.nio.file.Files.writeString(toml, text.replaceFirst("host = \"\"", "host = \"imap.example.org\""));

        String out = Cli.expect(0, home.args("outbox", "list")).stdout();

        assertThat(out).contains("Nothing can leave: [outbound] smtp_host is not set");
        java.nio.file.Files.writeString(toml, text);
        assertThat(Cli.expect(0, home.args("outbox", "list")).stdout()).doesNotContain("Nothing can leave");
    }

    @Test
    void outboxListShowsStatusAndWhatToDoForADecision() {
        long undecided = reply("Are you safe?");
        long failed = reply("Please send the photo again.");
        long queued = reply("Thank you.");
        long ack = entries(OutboxKind.ACKNOWLEDGEMENT).get(0).id();
        withOutbox(outbox -> {
            outbox.markSending(undecided, Instant.now());
            outbox.markNeedsDecision(undecided, "no-source-key", Instant.now());
            outbox.markSending(failed, Instant.now());
            outbox.markFailed(failed, "smtp-550", Instant.now());
            outbox.markFailed(ack, "smtp-unreachable", Instant.now());
        });

        List<String> lines =
                Cli.expect(0, home.args("outbox", "list")).stdout().lines().toList();

        assertThat(lines.get(0).split(" +"))
                .containsExactly("ID", "HANDLE", "CHANNEL", "KIND", "STATUS", "ATTEMPTS", "LAST", "ERROR", "UPDATED");
        assertThat(lines.get(1).split(" +"))
                .startsWith(Long.toString(queued), HANDLE, "email", "reply", "queued", "0", "-");
        assertThat(lines.get(2).split(" +"))
                .startsWith(Long.toString(failed), HANDLE, "email", "reply", "failed", "1", "smtp-550");
        assertThat(lines.get(3).split(" +"))
                .startsWith(Long.toString(undecided), HANDLE, "email", "reply", "needs-decision", "1", "no-source-key");
        assertThat(lines.get(4).split(" +")).startsWith(Long.toString(ack), HANDLE, "email", "ack", "failed", "0");
        assertThat(lines.get(1)).matches(".* \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ");
        assertThat(lines.subList(5, lines.size()))
                .containsExactly(
                        "",
                        "Reply " + failed + " failed (smtp-550). Try again with `tipbridge outbox retry " + failed
                                + "`, or drop it with `tipbridge outbox cancel " + failed + "`.",
                        "Reply " + undecided + " to " + HANDLE
                                + " waits for a decision: no key of this source is known,"
                                + " so it would leave unencrypted. Send it unencrypted with `tipbridge outbox retry "
                                + undecided + " --allow-plaintext`, or drop it with `tipbridge outbox cancel "
                                + undecided + "`.",
                        "Acknowledgement " + ack + " failed (smtp-unreachable). Try again with `tipbridge outbox retry "
                                + ack + "`, or drop it with `tipbridge outbox cancel " + ack + "`.");
    }

    @Test
    void unusableSourceKeyAdviceOffersNoPlainRetry() {
        long held = reply("Are you safe?");
        withOutbox(outbox -> {
            outbox.markSending(held, Instant.now());
            outbox.markNeedsDecision(held, "source-key-unusable", Instant.now());
        });

        List<String> advice = Cli.expect(0, home.args("outbox", "list"))
                .stdout()
                .lines()
                .filter(l -> l.startsWith("Reply "))
                .toList();

        assertThat(advice)
                .containsExactly("Reply " + held + " to " + HANDLE + " waits for a decision: the source's key can no"
                        + " longer be used (expired or revoked), so it would leave unencrypted. Send it unencrypted"
                        + " with `tipbridge outbox retry " + held + " --allow-plaintext`, or drop it with"
                        + " `tipbridge outbox cancel " + held + "`.");
        assertThat(advice.get(0)).doesNotContain("retry " + held + "`");
    }

    @Test
    void analystChangesAreTimedNoFinerThanTips() throws Exception {
        long queued = reply("One.");
        long failed = reply("Two.");
        long dropped = reply("Three.");
        withOutbox(outbox -> outbox.markFailed(failed, "smtp-550", Instant.parse("2026-11-28T10:17:42Z")));

        Cli.expect(0, home.args("outbox", "retry", failed));
        Cli.expect(0, home.args("outbox", "cancel", dropped));
        JsonNode all = JSON.readTree(
                Cli.expect(0, home.args("outbox", "list", "--json")).stdout());

        assertThat(all).hasSize(4);
        for (JsonNode entry : all) {
            if (entry.get("kind").asText().equals("reply")) {
                assertThat(entry.get("created").asText())
                        .as("created of %s", entry.get("id"))
                        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:00:00Z");
                assertThat(entry.get("updated").asText())
                        .as("updated of %s", entry.get("id"))
                        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:00:00Z");
            }
        }
        assertThat(entry(queued).created()).isBeforeOrEqualTo(Instant.now());
        assertThat(entry(failed).status()).isEqualTo(OutboxStatus.QUEUED);
        assertThat(entry(dropped).status()).isEqualTo(OutboxStatus.CANCELLED);
    }

    @Test
    void outboxListJsonHasStableFields() throws Exception {
        long first = reply("One.");
        long second = reply("Two.");
        withOutbox(outbox -> {
            outbox.markSending(first, Instant.now());
            outbox.markRetry(first, Instant.now().plusSeconds(600), "smtp-unreachable", Instant.now());
        });

        JsonNode all = JSON.readTree(
                Cli.expect(0, home.args("outbox", "list", "--json")).stdout());
        JsonNode limited = JSON.readTree(Cli.expect(0, home.args("outbox", "list", "--json", "--limit", "1"))
                .stdout());

        assertThat(all).hasSize(3);
        assertThat(limited).hasSize(1);
        assertThat(limited.get(0).get("id").asLong()).isEqualTo(second);
        JsonNode retried = all.get(1);
        List<String> fields = new ArrayList<>();
        retried.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly(
                        "id",
                        "handle",
                        "channel",
                        "kind",
                        "status",
                        "attempts",
                        "lastError",
                        "created",
                        "updated",
                        "allowPlaintext");
        assertThat(retried.get("id").asLong()).isEqualTo(first);
        assertThat(retried.get("handle").asText()).isEqualTo(HANDLE);
        assertThat(retried.get("channel").asText()).isEqualTo("email");
        assertThat(retried.get("kind").asText()).isEqualTo("reply");
        assertThat(retried.get("status").asText()).isEqualTo("queued");
        assertThat(retried.get("attempts").asInt()).isEqualTo(1);
        assertThat(retried.get("lastError").asText()).isEqualTo("smtp-unreachable");
        assertThat(retried.get("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z");
        assertThat(retried.get("updated").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z");
        assertThat(retried.get("allowPlaintext").asBoolean()).isFalse();
        assertThat(all.get(0).get("lastError").isNull()).isTrue();
        assertThat(all.get(2).get("kind").asText()).isEqualTo("ack");
        Cli.expect(2, home.args("outbox", "list", "--limit", "0"));
    }

    @Test
    void cancelWorksOnlyWhileQueuedOrWaitingForADecision() {
        long queued = reply("One.");
        long undecided = reply("Two.");
        long sent = reply("Three.");
        withOutbox(outbox -> {
            outbox.markSending(undecided, Instant.now());
            outbox.markNeedsDecision(undecided, "no-source-key", Instant.now());
            outbox.markSending(sent, Instant.now());
            outbox.markSent(sent, Instant.now());
        });

        assertThat(Cli.expect(0, home.args("outbox", "cancel", queued)).stdout())
                .isEqualTo("Cancelled reply " + queued + ".\n");
        Cli.expect(0, home.args("outbox", "cancel", undecided));
        Cli.Result again = Cli.expect(1, home.args("outbox", "cancel", queued));
        Cli.Result gone = Cli.expect(1, home.args("outbox", "cancel", sent));
        Cli.Result unknown = Cli.expect(3, home.args("outbox", "cancel", 999));

        assertThat(again.stderr()).contains("reply " + queued + " is cancelled and can no longer be cancelled");
        assertThat(gone.stderr()).contains("reply " + sent + " is sent and can no longer be cancelled");
        assertThat(unknown.stderr()).contains("no reply or acknowledgement 999; `tipbridge outbox list` shows the ids");
        assertThat(status(queued)).isEqualTo(OutboxStatus.CANCELLED);
        assertThat(status(undecided)).isEqualTo(OutboxStatus.CANCELLED);
        assertThat(status(sent)).isEqualTo(OutboxStatus.SENT);
    }

    @Test
    void failedEntryCanBeCancelled() {
        long failed = reply("Please send the photo again.");
        long ack = entries(OutboxKind.ACKNOWLEDGEMENT).get(0).id();
        withOutbox(outbox -> {
            outbox.markSending(failed, Instant.now());
            outbox.markFailed(failed, "smtp-550", Instant.now());
            outbox.markFailed(ack, "smtp-unreachable", Instant.now());
        });

        assertThat(Cli.expect(0, home.args("outbox", "cancel", failed)).stdout())
                .isEqualTo("Cancelled reply " + failed + ".\n");
        Cli.expect(0, home.args("outbox", "cancel", ack));
        Cli.Result again = Cli.expect(1, home.args("outbox", "cancel", failed));

        assertThat(status(failed)).isEqualTo(OutboxStatus.CANCELLED);
        assertThat(status(ack)).isEqualTo(OutboxStatus.CANCELLED);
        assertThat(again.stderr()).contains("reply " + failed + " is cancelled and can no longer be cancelled");
    }

    @Test
    void cancelHelpNamesEveryStateItWorksIn() {
        String help = Cli.expect(0, "outbox", "cancel", "--help").stdout().replaceAll("\\s+", " ");

        assertThat(help).contains("queued, waits for a decision, or failed");
    }

    @Test
    void retryWithAllowPlaintextRequeues() {
        long undecided = reply("Are you safe?");
        long failed = reply("Again.");
        long queued = reply("Waiting.");
        withOutbox(outbox -> {
            outbox.markSending(undecided, Instant.now());
            outbox.markNeedsDecision(undecided, "no-source-key", Instant.now());
            outbox.markFailed(failed, "smtp-550", Instant.now());
        });

        Cli.Result plain = Cli.expect(0, home.args("outbox", "retry", undecided, "--allow-plaintext"));
        Cli.expect(0, home.args("outbox", "retry", failed));
        Cli.Result notNeeded = Cli.expect(1, home.args("outbox", "retry", queued));
        Cli.expect(3, home.args("outbox", "retry", 999));

        assertThat(plain.stdout())
                .startsWith("Queued reply " + undecided + " again; if no key of the source is known,");
        assertThat(notNeeded.stderr()).contains("reply " + queued + " is already queued");
        OutboxEntry requeued = entry(undecided);
        assertThat(requeued.status()).isEqualTo(OutboxStatus.QUEUED);
        assertThat(requeued.allowPlaintext()).isTrue();
        assertThat(entry(failed).status()).isEqualTo(OutboxStatus.QUEUED);
        assertThat(entry(failed).allowPlaintext()).isFalse();
    }

    private long reply(String text) {
        Cli.Result r = Cli.expect(0, home.args("reply", HANDLE, "--message", text));
        return Long.parseLong(r.stdout().split(" ")[2]);
    }

    private void withOutbox(Consumer<Outbox> action) {
        try (RecordStore store = home.store()) {
            action.accept(store.outbox());
        }
    }

    private List<OutboxEntry> entries(OutboxKind kind) {
        try (RecordStore store = home.store()) {
            return store.outbox().list(100).stream()
                    .filter(e -> e.kind() == kind)
                    .toList();
        }
    }

    private OutboxEntry entry(long id) {
        try (RecordStore store = home.store()) {
            return store.outbox().get(id).orElseThrow();
        }
    }

    private OutboxStatus status(long id) {
        return entry(id).status();
    }
}
