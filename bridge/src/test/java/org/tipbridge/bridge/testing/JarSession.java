// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One home driven through the real jar, as end-to-end tests do: CLI calls with their exit codes
 * checked and their output kept for leak scans, a daemon started and stopped, records awaited.
 */
public final class JarSession {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TipbridgeJar jar;
    private final Path home;
    private final List<String> output = new ArrayList<>();
    private Path log;
    private Process daemon;

    public JarSession(TipbridgeJar jar, Path home, Path log) {
        this.jar = jar;
        this.home = home;
        this.log = log;
    }

    public Path home() {
        return home;
    }

    public Path log() {
        return log;
    }

    public Process daemon() {
        return daemon;
    }

    /** Every CLI stdout and stderr so far, in order (for scans of what reached the analyst's terminal). */
    public List<String> outputs() {
        return List.copyOf(output);
    }

    /** Runs a verb, checks its exit code, and keeps its output for {@link #leaks}. */
    public TipbridgeJar.Result cli(int expectedExit, String... args) throws IOException, InterruptedException {
        TipbridgeJar.Result r = jar.run(args);
        output.add(r.stdout());
        output.add(r.stderr());
        assertThat(r.exitCode())
                .as("exit of %s: %s", String.join(" ", args), r.stderr())
                .isEqualTo(expectedExit);
        return r;
    }

    /** Starts {@code run --home HOME}, logging to {@code log}, and waits until it says it runs. */
    public void start(Path logFile) throws Exception {
        log = logFile;
        daemon = jar.start(log, "run", "--home", home.toString());
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log).contains("running")) {
                return;
            }
            if (!daemon.isAlive()) {
                throw new AssertionError("daemon exited: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("daemon did not start: " + Files.readString(log));
    }

    public void start() throws Exception {
        start(log);
    }

    /** SIGTERM: the daemon must stop by itself with exit code 0. */
    public void stop() throws Exception {
        daemon.destroy();
        assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.exitValue()).as(Files.readString(log)).isZero();
    }

    /** For {@code @AfterEach}: kills a daemon still running. */
    public void kill() throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly().waitFor();
        }
    }

    /** Waits up to 30 s until {@code queue list} shows at least {@code n} records; returns the list. */
    public JsonNode awaitRecords(int n) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode list = null;
        while (Instant.now().isBefore(deadline)) {
            list = JSON.readTree(
                    cli(0, "queue", "list", "--home", home.toString(), "--json").stdout());
            if (list.size() >= n) {
                return list;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("expected " + n + " records, have " + list + "\n" + Files.readString(log));
    }

    /** Hits for {@code identifiers} in every file of the home, the daemon log and all CLI output. */
    public List<String> leaks(String... identifiers) throws IOException {
        LeakScanner scanner = scanner(identifiers);
        List<String> hits = new ArrayList<>(scanner.scanTree(org.tipbridge.bridge.store.TestDatabases.dumpHome(home)));
        hits.addAll(scanner.scan("daemon log", Files.readAllBytes(log)));
        for (String out : output) {
            hits.addAll(scanner.scanText("CLI output", out));
        }
        return hits;
    }

    /** Hits for {@code texts} in the home and the daemon log only (CLI output may show content). */
    public List<String> storedInClear(String... texts) throws IOException {
        LeakScanner scanner = scanner(texts);
        List<String> hits = new ArrayList<>(scanner.scanTree(org.tipbridge.bridge.store.TestDatabases.dumpHome(home)));
        hits.addAll(scanner.scan("daemon log", Files.readAllBytes(log)));
        return hits;
    }

    private static LeakScanner scanner(String... needles) {
        LeakScanner scanner = new LeakScanner();
        for (String needle : needles) {
            scanner.identifier(needle);
        }
        return scanner;
    }
}
