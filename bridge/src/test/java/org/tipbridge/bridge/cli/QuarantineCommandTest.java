// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.pipeline.AnalystSeal;
import org.tipbridge.bridge.pipeline.AttachmentSealer;
import org.tipbridge.bridge.pipeline.Outcome;
import org.tipbridge.bridge.pipeline.QuarantineCopies;
import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.bridge.store.BlobRef;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.QuarantineEntry;
import org.tipbridge.bridge.store.Storage;
import org.tipbridge.bridge.testing.LeakScanner;
import org.tipbridge.bridge.testing.MailBuilder;
import org.tipbridge.pgp.OpenPgp;

class QuarantineCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Instant RECEIVED = Instant.parse("2026-11-28T10:00:00Z");
    private static final String SOURCE = "jane.source@example.net";

    @TempDir
    Path tmp;

    private CliHome home;
    private long plaintext;
    private long flood;
    private long bomb;
    private long signal;

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.create(tmp);
        plaintext = quarantineMail(
                QuarantineReason.PLAINTEXT_REFUSED,
                MailBuilder.plain(
                        MailBuilder.identifyingHeaders(SOURCE, "q1"), "Trucks \u001b[31mred", "Crates at dawn.\u202e"));
        flood = quarantineMail(QuarantineReason.RATE_LIMITED, MailBuilder.plain("", "flood", "x"));
        bomb = quarantineMail(QuarantineReason.DECOMPRESSION_LIMIT, MailBuilder.plain("", "bomb", "y"));
        signal = quarantineSignal("{\"envelope\": \"the redacted line\"");
    }

    /** An e-mail entry as the daemon makes it: the row first, then its copy (if the reason keeps one). */
    private long quarantineMail(QuarantineReason reason, byte[] raw) throws Exception {
        try (Storage storage = Storage.open(home.config.store(), Clock.systemUTC())) {
            long id = storage.records().quarantine(Channel.EMAIL, RECEIVED, reason.code(), key(), Optional.empty());
            new QuarantineCopies(seal(storage), storage.records().quarantines())
                    .keep(new Outcome.Quarantined(id, reason), () -> new ByteArrayInputStream(raw));
            return id;
        }
    }

    private long quarantineSignal(String redactedLine) throws Exception {
        try (Storage storage = Storage.open(home.config.store(), Clock.systemUTC())) {
            AttachmentSealer.Sealing sealing = seal(storage).begin();
            sealing.plaintext().write(redactedLine.getBytes(StandardCharsets.UTF_8));
            BlobRef blob = sealing.finish().blob();
            return storage.records().quarantine(Channel.SIGNAL, RECEIVED, "malformed-signal", key(), Optional.of(blob));
        }
    }

    private AnalystSeal seal(Storage storage) {
        return new AnalystSeal(OpenPgp.create(), () -> List.of(home.analyst), storage.blobs());
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    private QuarantineEntry entry(long id) {
        try (var store = home.store()) {
            return store.quarantines().get(id).orElseThrow();
        }
    }

    private List<String> audit() throws Exception {
        JsonNode audit =
                JSON.readTree(Cli.expect(0, home.args("audit", "--json")).stdout());
        List<String> out = new java.util.ArrayList<>();
        audit.forEach(
                e -> out.add(e.get("action").asText() + "@" + e.get("record").asLong()));
        return out;
    }

    @Test
    void listShowsEveryEntryNewestFirstWithStateAndWhetherACopyIsKept() throws Exception {
        JsonNode all = JSON.readTree(
                Cli.expect(0, home.args("quarantine", "list", "--json")).stdout());
        JsonNode mail = JSON.readTree(Cli.expect(0, home.args("quarantine", "list", "--channel", "email", "--json"))
                .stdout());
        JsonNode floods =
                JSON.readTree(Cli.expect(0, home.args("quarantine", "list", "--reason", "rate-limited", "--json"))
                        .stdout());

        assertThat(all).hasSize(4);
        assertThat(all.get(0).get("id").asLong()).isEqualTo(signal);
        List<String> fields = new java.util.ArrayList<>();
        all.get(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "channel", "received", "reason", "size", "state", "detail", "copy");
        assertThat(mail).hasSize(3);
        assertThat(floods).singleElement().satisfies(e -> {
            assertThat(e.get("copy").asBoolean()).isFalse();
            assertThat(e.get("state").asText()).isEqualTo("held");
        });
        assertThat(mail.get(2).get("copy").asBoolean()).isTrue();
        assertThat(Cli.expect(0, home.args("quarantine", "list")).stdout()).contains("plaintext-refused");
    }

    @Test
    void showDecryptsTheRedactedCopyWithoutIdentifiersAndSanitisedAndIsAudited() throws Exception {
        String text =
                Cli.expect(0, home.keyArgs("quarantine", "show", plaintext)).stdout();
        JsonNode json = JSON.readTree(Cli.expect(0, home.keyArgs("quarantine", "show", plaintext, "--json"))
                .stdout());

        assertThat(text)
                .contains("plaintext-refused")
                .contains("Crates at dawn.")
                .contains("\\u001B[31m");
        assertThat(text).doesNotContain("\u001b").doesNotContain("\u202e");
        List<String> fields = new java.util.ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly(
                        "id", "channel", "received", "reason", "state", "headers", "body_kind", "body", "truncated");
        assertThat(json.get("headers").toString()).contains("Subject").doesNotContain("Received");
        assertThat(json.get("truncated").asBoolean()).isFalse();
        for (String out : List.of(text, json.toString())) {
            assertThat(out)
                    .doesNotContain("jane.source")
                    .doesNotContain("198.51.100.77")
                    .doesNotContain("q1.4711");
        }
        assertThat(audit()).containsExactly("quarantine-viewed@" + plaintext, "quarantine-viewed@" + plaintext);
        LeakScanner scanner =
                new LeakScanner().identifier(SOURCE).identifier("198.51.100.77").identifier("phone-q1.example.net");
        assertThat(scanner.scanTree(home.dir)).isEmpty();
        assertThat(scanner.scanText("show", text + json)).isEmpty();
    }

    @Test
    void showDecodesAnEncodedSubjectAndStillShowsItsEscapesVisibly() throws Exception {
        long id = quarantineMail(
                QuarantineReason.PLAINTEXT_REFUSED,
                MailBuilder.plain(
                        "",
                        "=?UTF-8?B?"
                                + java.util.Base64.getEncoder()
                                        .encodeToString("Grüße \u001b]8;;x\u0007".getBytes(StandardCharsets.UTF_8))
                                + "?=",
                        "z"));

        String text = Cli.expect(0, home.keyArgs("quarantine", "show", id)).stdout();

        assertThat(text).contains("Subject: Grüße \\u001B]8;;x\\u0007").doesNotContain("\u001b");
    }

    @Test
    void showOfASignalEntryShowsItsRedactedLineAndOfAFloodSaysNoCopyWasKept() throws Exception {
        try (var store = home.store()) {
            store.quarantines().located(flood, new QuarantineEntry.Location(1234, 77));
        }
        JsonNode json = JSON.readTree(Cli.expect(0, home.keyArgs("quarantine", "show", signal, "--json"))
                .stdout());
        String none = Cli.expect(0, home.keyArgs("quarantine", "show", flood)).stdout();

        assertThat(json.get("body").asText()).isEqualTo("{\"envelope\": \"the redacted line\"");
        assertThat(json.get("headers")).isEmpty();
        assertThat(none)
                .contains("has no sealed copy")
                .contains("quarantine folder")
                .contains("UIDVALIDITY 1234, UID 77");
        assertThat(audit()).containsExactly("quarantine-viewed@" + signal);
    }

    @Test
    void releaseNeedsTheEntrysOwnReasonAndIsRequestedAndAuditedOnce() throws Exception {
        String wrong = Cli.expect(2, home.args("quarantine", "release", plaintext, "--override", "automated"))
                .stderr();
        String done = Cli.expect(0, home.args("quarantine", "release", plaintext, "--override", "plaintext-refused"))
                .stdout();
        String again = Cli.expect(2, home.args("quarantine", "release", plaintext, "--override", "plaintext-refused"))
                .stderr();

        assertThat(wrong).contains("plaintext-refused");
        assertThat(done).contains("release-requested").contains("quarantine list");
        assertThat(again).contains("release-requested");
        assertThat(entry(plaintext).state()).isEqualTo(QuarantineEntry.STATE_RELEASE_REQUESTED);
        assertThat(entry(plaintext).override()).contains("plaintext-refused");
        assertThat(audit()).containsExactly("quarantine-release-requested@" + plaintext);
    }

    @Test
    void bombsAndSignalEntriesAreNeverReleased() throws Exception {
        String bombText = Cli.expect(2, home.args("quarantine", "release", bomb, "--override", "decompression-limit"))
                .stderr();
        String signalText = Cli.expect(2, home.args("quarantine", "release", signal, "--override", "malformed-signal"))
                .stderr();

        assertThat(bombText).contains("a decompression bomb is not released: the limits protect the server");
        assertThat(signalText).contains("the message is not kept after quarantine");
        assertThat(entry(bomb).state()).isEqualTo(QuarantineEntry.STATE_HELD);
        assertThat(audit()).isEmpty();
        Cli.expect(3, home.args("quarantine", "release", 999, "--override", "automated"));
    }

    @Test
    void deleteForgetsTheCopyAtOnceAndAsksTheDaemonForTheMailboxCopy() throws Exception {
        String blob = entry(plaintext).originalBlob().orElseThrow();

        String mail =
                Cli.expect(0, home.args("quarantine", "delete", plaintext)).stdout();
        String sig = Cli.expect(0, home.args("quarantine", "delete", signal)).stdout();

        assertThat(mail).contains("delete-requested");
        assertThat(sig).contains("is deleted");
        assertThat(entry(plaintext).state()).isEqualTo(QuarantineEntry.STATE_DELETE_REQUESTED);
        assertThat(entry(plaintext).hasCopy()).isFalse();
        try (Storage storage = Storage.open(home.config.store(), Clock.systemUTC())) {
            assertThat(storage.records().quarantines().get(signal)).isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> storage.blobs().open(blob))
                    .isInstanceOf(org.tipbridge.bridge.store.StoreException.BlobNotFound.class);
        }
        assertThat(audit()).containsExactly("quarantine-deleted@" + signal, "quarantine-deleted@" + plaintext);
        Cli.expect(3, home.args("quarantine", "delete", 999));
    }

    @Test
    void automatedMailKeepsNoCopyAndIsNeverReleased() throws Exception {
        long bounce = quarantineMail(
                QuarantineReason.AUTOMATED, MailBuilder.plain("", "Undelivered", "<" + SOURCE + ">: user unknown"));

        String why = Cli.expect(2, home.args("quarantine", "release", bounce, "--override", "automated"))
                .stderr();

        assertThat(entry(bounce).hasCopy()).isFalse();
        assertThat(why).contains("automated mail").contains("is not released").doesNotContain(SOURCE);
        assertThat(entry(bounce).state()).isEqualTo(QuarantineEntry.STATE_HELD);
        assertThat(audit()).isEmpty();
    }

    @Test
    void listShowsTheDetailOfAFailedRelease() throws Exception {
        Cli.expect(0, home.args("quarantine", "release", plaintext, "--override", "plaintext-refused"));
        try (var store = home.store()) {
            store.quarantines().releaseFailed(plaintext, "original-missing", RECEIVED.plusSeconds(60));
        }

        JsonNode all = JSON.readTree(
                Cli.expect(0, home.args("quarantine", "list", "--json")).stdout());
        String text = Cli.expect(0, home.args("quarantine", "list")).stdout();

        JsonNode failed = null;
        for (JsonNode e : all) {
            if (e.get("id").asLong() == plaintext) {
                failed = e;
            }
        }
        assertThat(failed).isNotNull();
        assertThat(failed.get("state").asText()).isEqualTo("release-failed");
        assertThat(failed.get("detail").asText()).isEqualTo("original-missing");
        assertThat(text).contains("release-failed (original-missing)");
    }
}
