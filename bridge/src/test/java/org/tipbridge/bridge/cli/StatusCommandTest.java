// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CliHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.withOneTip(tmp, true);
    }

    @Test
    void withoutADaemonSaysNotRunningAndStillCounts() throws Exception {
        JsonNode status =
                JSON.readTree(Cli.expect(0, home.args("status", "--json")).stdout());

        assertThat(status.get("daemon").asText()).isEqualTo("not running");
        assertThat(status.get("records").asInt()).isEqualTo(1);
        assertThat(status.get("quarantine").asInt()).isZero();
        assertThat(status.get("outbox").get("queued").asInt()).isEqualTo(1);
        assertThat(Cli.expect(0, home.args("status")).stdout())
                .contains("tipbridge run")
                .contains("queued 1");
    }

    @Test
    void freshStatusFileMeansRunningAndAStaleOneDoesNot() throws Exception {
        Path file = home.dir.resolve("data/status.json");
        write(file, Instant.now(), "connected", "2026-11-28T10:00:00Z");

        JsonNode running =
                JSON.readTree(Cli.expect(0, home.args("status", "--json")).stdout());
        assertThat(running.get("daemon").asText()).isEqualTo("running");
        assertThat(running.get("channels").get("email").get("state").asText()).isEqualTo("connected");
        assertThat(running.get("channels").get("email").get("lastMessage").asText())
                .isEqualTo("2026-11-28T10:00:00Z");

        write(file, Instant.now().minus(StatusCommand.STALE).minusSeconds(1), "connected", null);
        JsonNode stale =
                JSON.readTree(Cli.expect(0, home.args("status", "--json")).stdout());
        assertThat(stale.get("daemon").asText()).isEqualTo("not running");
        assertThat(stale.get("channels").get("email").get("state").asText()).isEqualTo("stopped");
    }

    @Test
    void undecryptableSignalEnvelopesAreShownAsAnAlarm() throws Exception {
        writeSignal("\"undecryptable\":3");

        JsonNode status =
                JSON.readTree(Cli.expect(0, home.args("status", "--json")).stdout());

        assertThat(status.get("channels").get("signal").get("undecryptable").asLong())
                .isEqualTo(3);
        assertThat(status.get("alarms").findValuesAsText("code")).contains("signal-undecryptable");
        assertThat(Cli.expect(0, home.args("status")).stdout())
                .contains("ALARM:       3 Signal message(s) signal-cli could not decrypt: upgrade signal-cli");
    }

    @Test
    void signalHealthShowsVersionSpoolAndEachAlarm() throws Exception {
        writeSignal("\"undecryptable\":0,\"upstreamVersion\":\"0.14.1\",\"refusedLines\":2,"
                + "\"spoolPending\":5,\"spoolSetAside\":1,\"quiet\":true");

        JsonNode status =
                JSON.readTree(Cli.expect(0, home.args("status", "--json")).stdout());
        JsonNode signal = status.get("channels").get("signal");
        assertThat(signal.get("signalCliVersion").asText()).isEqualTo("0.14.1");
        assertThat(signal.get("spoolPending").asLong()).isEqualTo(5);
        assertThat(signal.get("spoolSetAside").asLong()).isEqualTo(1);
        assertThat(status.get("alarms").findValuesAsText("code"))
                .containsExactly("signal-quiet", "signal-refused-lines", "signal-set-aside");
        assertThat(Cli.expect(0, home.args("status")).stdout())
                .contains("signal-cli 0.14.1, 5 waiting in the spool")
                .contains("no Signal message arrived")
                .contains("2 line(s) from signal-cli")
                .contains("1 Signal message(s) set aside");
    }

    @Test
    void checkExitsOneWhenNotRunningOrAlarmedAndZeroWhenHealthy() throws Exception {
        assertThat(Cli.expect(1, home.args("status", "--check")).stderr()).contains("the daemon is not running");

        writeSignal("\"undecryptable\":0,\"spoolPending\":0,\"spoolSetAside\":0,\"quiet\":false");
        Cli.expect(0, home.args("status", "--check"));

        writeSignal("\"undecryptable\":1");
        assertThat(Cli.expect(1, home.args("status", "--check")).stderr()).contains("1 alarm(s)");
    }

    private void writeSignal(String fields) throws Exception {
        Files.writeString(
                home.dir.resolve("data/status.json"),
                "{\"version\":1,\"written\":\"" + Instant.now() + "\",\"running\":true,\"channels\":{\"signal\":"
                        + "{\"state\":\"connected\",\"lastMessage\":null," + fields + "}}}");
    }

    @Test
    void staleStatusFileRaisesOnlyAlarmsThatOutliveARun() throws Exception {
        Files.writeString(
                home.dir.resolve("data/status.json"),
                "{\"version\":1,\"written\":\""
                        + Instant.now().minus(StatusCommand.STALE).minusSeconds(1)
                        + "\",\"running\":true,\"channels\":{\"signal\":{\"state\":\"connected\","
                        + "\"lastMessage\":null,\"undecryptable\":3,\"quiet\":true,\"spoolSetAside\":2}}}");

        JsonNode status =
                JSON.readTree(Cli.expect(0, home.args("status", "--json")).stdout());

        assertThat(status.get("daemon").asText()).isEqualTo("not running");
        assertThat(status.get("alarms").findValuesAsText("code"))
                .as("only what outlives a run: the set-aside files")
                .containsExactly("signal-set-aside");
    }

    @Test
    void unreadableStatusFileIsNotRunningNotACrash() throws Exception {
        Files.writeString(home.dir.resolve("data/status.json"), "{not json");

        assertThat(Cli.expect(0, home.args("status")).stdout()).contains("not running");
    }

    private static void write(Path file, Instant written, String state, String last) throws Exception {
        String lastJson = last == null ? "null" : "\"" + last + "\"";
        Files.writeString(
                file,
                "{\"version\":1,\"written\":\"" + written + "\",\"running\":true,\"channels\":{\"email\":"
                        + "{\"state\":\"" + state + "\",\"lastMessage\":" + lastJson + "}}}");
    }
}
