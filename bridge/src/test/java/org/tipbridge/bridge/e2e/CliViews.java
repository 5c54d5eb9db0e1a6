// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tipbridge.bridge.testing.TipbridgeJar;

/**
 * Every analyst view of a home, in every format (text and {@code --json}), run through the jar so
 * that the caller keeps all their output: queue, conversation, replies, outbox, status, audit,
 * export, quarantine.
 */
final class CliViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs one CLI call expecting an exit code (the session keeps its output). */
    @FunctionalInterface
    interface Cli {
        TipbridgeJar.Result run(int exit, String... args) throws IOException, InterruptedException;
    }

    /** Waits for something the daemon does (e.g. the outbox to settle). */
    @FunctionalInterface
    interface Wait {
        void run() throws Exception;
    }

    private final Cli cli;
    private final String home;
    private final String key;
    private final String passphrase;
    private final Path exports;

    CliViews(Cli cli, Path home, Path key, Path passphrase, Path exports) {
        this.cli = cli;
        this.home = home.toString();
        this.key = key.toString();
        this.passphrase = passphrase.toString();
        this.exports = exports;
    }

    /**
     * Shows every record, replies to the first e-mail and the first Signal handle (plain text
     * allowed), waits for {@code sent}, then shows their conversations, lists, audits and
     * exports the first e-mail with an attachment and the first without.
     */
    void everyView(List<JsonNode> records, Wait sent) throws Exception {
        both("queue", "list", "--limit", "100000");
        for (JsonNode r : records) {
            both("queue", "show", r.get("id").asText(), "--key", key, "--passphrase-file", passphrase);
        }
        List<String> replied = List.of(first(records, "email", true), first(records, "signal", false));
        for (String handle : replied) {
            cli.run(0, "reply", handle, "--home", home, "--message", "Thank you. Which road? – Ü", "--allow-plaintext");
        }
        sent.run();
        for (String handle : replied) {
            both("conversation", handle, "--key", key, "--passphrase-file", passphrase);
        }
        both("outbox", "list", "--limit", "1000");
        both("status");
        both("audit", "--limit", "1000");
        export(records.stream().filter(r -> r.get("attachments").asInt() > 0).findFirst());
        export(records.stream()
                .filter(r -> r.get("channel").asText().equals("email")
                        && r.get("attachments").asInt() == 0)
                .findFirst());
    }

    /** {@code quarantine list}, then {@code show} of its first entries, text and JSON. */
    void quarantine(int shown) throws Exception {
        both("quarantine", "list", "--limit", "100000");
        JsonNode list = JSON.readTree(cli.run(0, "quarantine", "list", "--home", home, "--limit", "100000", "--json")
                .stdout());
        for (int i = 0; i < Math.min(shown, list.size()); i++) {
            both("quarantine", "show", list.get(i).get("id").asText(), "--key", key, "--passphrase-file", passphrase);
        }
    }

    /** {@code queue export}, once with the originals (text), once without (JSON). */
    private void export(java.util.Optional<JsonNode> record) throws Exception {
        String id = record.orElseThrow(() -> new AssertionError("no record to export"))
                .get("id")
                .asText();
        for (String mode : List.of("--originals", "--json")) {
            cli.run(
                    0,
                    "queue",
                    "export",
                    id,
                    "--home",
                    home,
                    "--key",
                    key,
                    "--passphrase-file",
                    passphrase,
                    "--out",
                    exports.resolve(id + mode).toString(),
                    mode);
        }
    }

    private void both(String... args) throws Exception {
        List<String> withHome = new ArrayList<>(List.of(args));
        withHome.addAll(List.of("--home", home));
        cli.run(0, withHome.toArray(String[]::new));
        withHome.add("--json");
        cli.run(0, withHome.toArray(String[]::new));
    }

    /** The handle of the newest record of {@code channel} (with an attachment: a plain mail, no source key). */
    private static String first(List<JsonNode> records, String channel, boolean withAttachment) {
        return records.stream()
                .filter(r -> r.get("channel").asText().equals(channel))
                .filter(r -> !withAttachment || r.get("attachments").asInt() > 0)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + channel + " record"))
                .get("handle")
                .asText();
    }
}
