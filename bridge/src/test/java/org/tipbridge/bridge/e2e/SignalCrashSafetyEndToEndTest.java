// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * kill -9 while waves of a Signal burst are spooled and drained, then a clean run. signal-cli
 * tells Signal's server it has a message once it wrote the notification to the socket, so what a
 * killed daemon had not spooled yet is gone; what can be asserted is: nothing becomes a record
 * twice, every envelope durable (spooled or recorded) at a kill becomes a record, the envelopes lost
 * are always the last ones written to the killed daemon, and everything written to a daemon that
 * is not killed becomes a record.
 */
class SignalCrashSafetyEndToEndTest extends EndToEndBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WAVE = 60;
    private static final int KILLS = 4;
    private static final int BURST = WAVE * (KILLS + 1);
    private static final Pattern TIP = Pattern.compile("^tip (\\d+): ");
    private static final String SENTINEL_ATTACHMENT = "7FvT-bOPk7ClzOaPWK4k.jpg";

    @TempDir
    Path tmp;

    private FakeSignalCli signalCli;
    private Path attachments;
    private Path analystKey;
    private Path passphrase;

    @BeforeEach
    void setUp() throws Exception {
        home = tmp.resolve("home");
        log = tmp.resolve("daemon.out");
        signalCli = FakeSignalCli.start(Files.createDirectories(tmp.resolve("run")));
        attachments = Files.createDirectories(tmp.resolve("signal-data/attachments"));
        jar = new TipbridgeJar()
                .env("TIPBRIDGE_MAILBOX_SMTP_PORT", Integer.toString(TipbridgeJar.freePort()))
                .env("TIPBRIDGE_MAILBOX_IMAP_PORT", Integer.toString(TipbridgeJar.freePort()))
                .env("TIPBRIDGE_OUTBOUND_POLL_SECONDS", "1")
                // a burst from 7 senders, not a flood: above the rate limits' defaults (a sender's
                // burst may not exceed its channel's, so both are raised)
                .env("TIPBRIDGE_FLOODS_SENDER_BURST", "100000")
                .env("TIPBRIDGE_FLOODS_CHANNEL_BURST", "100000");
        String init = cli(0, "init", "--home", home.toString()).stdout();
        org.tipbridge.bridge.store.TestDatabases.useIn(home);
        analystKey = SignalHome.initOutput(init, "Quickstart analyst key:");
        passphrase = SignalHome.initOutput(init, "Its passphrase:");
        SignalHome.configure(
                home, (Endpoint.Unix) signalCli.endpoint(FakeSignalCli.Transport.UNIX), attachments.getParent(), "");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly().waitFor();
        }
        signalCli.close();
    }

    @Test
    void killingTheDaemonLosesOnlyUnspooledEnvelopesAndDuplicatesNothing() throws Exception {
        List<byte[]> burst = SignalFixtures.burst(BURST, 20_261_128);
        Random random = new Random(4471);
        List<Integer> durableAtKill = new ArrayList<>();
        for (int k = 0; k < KILLS; k++) {
            log = tmp.resolve("daemon-" + k + ".out");
            startDaemon();
            burst.subList(k * WAVE, (k + 1) * WAVE).forEach(signalCli::push);
            boolean withWork = k % 2 == 0;
            if (withWork) {
                freezeWithWorkInSpool();
            } else {
                Thread.sleep(200 + random.nextInt(1300));
            }
            daemon.destroyForcibly();
            assertThat(daemon.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int spooled = (int) spoolItems();
            if (withWork) {
                assertThat(spooled).as("kill %d interrupted the drain", k).isPositive();
            }
            durableAtKill.add(records().size() + spooled);
        }

        log = tmp.resolve("daemon-last.out");
        Path sentinel = Files.write(attachments.resolve(SENTINEL_ATTACHMENT), new byte[] {(byte) 0xFF, (byte) 0xD8});
        startDaemon();
        burst.subList(KILLS * WAVE, BURST).forEach(signalCli::push);
        signalCli.push(SignalFixtures.line("attachment-photo-exif.json"));
        await("the last envelope pushed became a record", 60, () -> signalCli.queued() == 0 && !Files.exists(sentinel));
        stopDaemon();
        assertThat(spoolItems()).as("every spooled envelope was drained").isZero();

        JsonNode records = records();
        Map<Integer, String> handleOf = burstTipsByHandle(records);
        assertThat(records).as("no record twice").hasSize(handleOf.size() + 1);
        assertHandlesFollowSenders(burst, handleOf);
        for (int durable : durableAtKill) {
            assertThat(handleOf.size())
                    .as("durable at a kill (one may be counted twice: committed, not yet deleted)")
                    .isGreaterThanOrEqualTo(durable - 1);
        }
        assertLostOnlyTheLastWrittenToAKilledDaemon(handleOf.keySet());
        System.out.printf(
                "%d of %d burst tips recorded; durable at the kills: %s%n", handleOf.size(), BURST, durableAtKill);
    }

    /** For each burst index that became a record, its handle; fails on a burst tip recorded twice. */
    private Map<Integer, String> burstTipsByHandle(JsonNode records) throws Exception {
        Set<String> handles = new HashSet<>();
        records.forEach(r -> handles.add(r.get("handle").asText()));
        Map<Integer, String> handleOf = new HashMap<>();
        for (String handle : handles) {
            for (JsonNode item : conversation(handle).get("items")) {
                if (!item.get("type").asText().equals("tip")) {
                    continue;
                }
                Matcher tip = TIP.matcher(item.get("body").asText());
                if (tip.find()) {
                    int index = Integer.parseInt(tip.group(1));
                    assertThat(handleOf.put(index, handle))
                            .as("tip %d recorded twice", index)
                            .isNull();
                }
            }
        }
        return handleOf;
    }

    /** Same ACI, same handle; another ACI, another handle. */
    private static void assertHandlesFollowSenders(List<byte[]> burst, Map<Integer, String> handleOf)
            throws IOException {
        Map<String, String> handleOfAci = new HashMap<>();
        Map<String, String> aciOfHandle = new HashMap<>();
        for (Map.Entry<Integer, String> e : handleOf.entrySet()) {
            String aci = JSON.readTree(burst.get(e.getKey()))
                    .path("envelope")
                    .path("sourceUuid")
                    .asText();
            assertThat(handleOfAci.computeIfAbsent(aci, a -> e.getValue())).isEqualTo(e.getValue());
            assertThat(aciOfHandle.computeIfAbsent(e.getValue(), h -> aci)).isEqualTo(aci);
        }
    }

    /**
     * The peer wrote envelopes in push order; {@code writtenTo} says which connection (daemon run)
     * took each. Per killed run, the recorded ones are a prefix of what it was written; the last run
     * recorded all.
     */
    private void assertLostOnlyTheLastWrittenToAKilledDaemon(Set<Integer> recorded) {
        List<Integer> writtenTo = signalCli.writtenTo();
        assertThat(writtenTo).hasSize(BURST + 1);
        int lastRun = writtenTo.get(BURST);
        Map<Integer, Boolean> lostBefore = new HashMap<>();
        for (int index = 0; index < BURST; index++) {
            int run = writtenTo.get(index);
            boolean present = recorded.contains(index);
            if (run == lastRun) {
                assertThat(present)
                        .as("tip %d, written to the daemon that was not killed", index)
                        .isTrue();
            } else if (present) {
                assertThat(lostBefore.getOrDefault(run, false))
                        .as("tip %d recorded after an earlier one written to the same killed daemon was lost", index)
                        .isFalse();
            } else {
                lostBefore.put(run, true);
            }
        }
    }

    /**
     * Freezes the daemon (SIGSTOP) at a moment its spool holds work, so the kill that follows lands
     * with work in the spool; a freeze that found the spool just drained is undone (SIGCONT) and
     * the polling goes on.
     */
    private void freezeWithWorkInSpool() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (spoolHoldsWorkWhileRunning()) {
                signalDaemon("-STOP");
                awaitEveryThreadStopped();
                if (spoolItems() > 0) {
                    return;
                }
                signalDaemon("-CONT");
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the spool never held work within 60 s\n" + diagnostics());
            }
            Thread.sleep(2);
        }
    }

    /** SIGSTOP takes effect per thread as each is scheduled; waits until /proc shows all of them stopped. */
    private void awaitEveryThreadStopped() throws Exception {
        Path tasks = Path.of("/proc", Long.toString(daemon.pid()), "task");
        await("every daemon thread stopped", 10, () -> {
            try (Stream<Path> threads = Files.list(tasks)) {
                return threads.allMatch(t -> threadState(t) == 'T');
            }
        });
    }

    /** The state letter of /proc/PID/task/TID/stat (after the parenthesised name); 'T' if the thread is gone. */
    private static char threadState(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            return 'T';
        }
    }

    /** Whether the spool has items; false also when a file vanished under the walk (the drain took it). */
    private boolean spoolHoldsWorkWhileRunning() {
        try {
            return spoolItems() > 0;
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private void signalDaemon(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(daemon.pid()))
                .redirectErrorStream(true)
                .start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill %s", signal).isZero();
    }

    private JsonNode records() throws Exception {
        return JSON.readTree(cli(0, "queue", "list", "--home", home.toString(), "--json", "--limit", "1000")
                .stdout());
    }

    private JsonNode conversation(String handle) throws Exception {
        return conversation(handle, analystKey, passphrase);
    }

    /** Items in the spool, waiting or set aside: files under the home (the spool is node-local on either engine). */
    private long spoolItems() throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".item")
                            || f.getFileName().toString().endsWith(".held"))
                    .count();
        }
    }
}
