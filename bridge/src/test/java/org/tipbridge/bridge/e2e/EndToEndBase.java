// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.tipbridge.bridge.testing.JarSession;
import org.tipbridge.bridge.testing.TipbridgeJar;

/** What the end-to-end tests share: one home driven through the real jar ({@link JarSession}). */
abstract class EndToEndBase {
    protected TipbridgeJar jar;
    protected Path home;
    protected Path log;
    protected Process daemon;
    private JarSession session;

    private JarSession session() {
        if (session == null) {
            session = new JarSession(jar, home, log);
        }
        return session;
    }

    protected TipbridgeJar.Result cli(int expectedExit, String... args) throws IOException, InterruptedException {
        return session().cli(expectedExit, args);
    }

    /** Every CLI stdout and stderr of this home so far. */
    protected java.util.List<String> cliOutputs() {
        return session().outputs();
    }

    protected void startDaemon() throws Exception {
        session().start(log);
        daemon = session().daemon();
    }

    protected void stopDaemon() throws Exception {
        session().stop();
    }

    protected JsonNode awaitRecords(int n) throws Exception {
        return session().awaitRecords(n);
    }

    /** {@code conversation HANDLE --json}, decrypted with the given analyst key. */
    protected JsonNode conversation(String handle, Path key, Path passphrase) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(cli(
                                0,
                                "conversation",
                                handle,
                                "--home",
                                home.toString(),
                                "--key",
                                key.toString(),
                                "--passphrase-file",
                                passphrase.toString(),
                                "--json")
                        .stdout());
    }

    /** A condition polled by {@link #await}; it may run the CLI. */
    @FunctionalInterface
    protected interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls {@code condition} until it holds; fails after {@code seconds}, showing the daemon's output. */
    protected void await(String what, int seconds, Condition condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(seconds));
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not within " + seconds + " s\n" + diagnostics());
            }
            Thread.sleep(200);
        }
    }

    /** What a failed wait shows: the daemon's output. */
    protected String diagnostics() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "(no daemon output)";
    }

    /** No identifier in the home, the daemon log or any CLI output. */
    protected void assertNoLeaks(String... identifiers) throws IOException {
        assertThat(session().leaks(identifiers)).isEmpty();
    }

    /** Tip and reply text: readable in the analyst's CLI output, never in the home or the log. */
    protected void assertNotStoredInClear(String... texts) throws IOException {
        assertThat(session().storedInClear(texts)).isEmpty();
    }
}
