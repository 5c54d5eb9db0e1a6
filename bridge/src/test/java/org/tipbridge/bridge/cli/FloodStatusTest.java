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

/** `tipbridge status` shows rate-limited counts and raises the flood and disk-low alarms. */
class FloodStatusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CliHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.withOneTip(tmp, true);
    }

    private void writeStatus(Instant written, String floods, boolean diskLow) throws Exception {
        Files.writeString(
                home.dir.resolve("data/status.json"),
                "{\"version\":1,\"written\":\"" + written + "\",\"running\":true,\"channels\":{\"email\":"
                        + "{\"state\":\"connected\",\"lastMessage\":null}},\"floods\":{" + floods + "},"
                        + "\"diskLow\":" + diskLow + "}");
    }

    @Test
    void recentFloodRaisesTheFloodAlarmWithItsCount() throws Exception {
        writeStatus(
                Instant.now(),
                "\"email\":{\"rateLimited\":9980,\"flooding\":true},"
                        + "\"signal\":{\"rateLimited\":3,\"flooding\":false}",
                false);

        JsonNode status =
                JSON.readTree(Cli.expect(0, home.args("status", "--json")).stdout());

        assertThat(status.get("rateLimited").get("email").asLong()).isEqualTo(9980);
        assertThat(status.get("rateLimited").get("signal").asLong()).isEqualTo(3);
        assertThat(status.get("alarms").findValuesAsText("code")).containsExactly("flood");
        assertThat(Cli.expect(0, home.args("status")).stdout())
                .contains("Rate-limited: E-mail 9980, signal 3")
                .contains("ALARM:       9980 email message(s) over the rate limits");
        assertThat(Cli.expect(1, home.args("status", "--check")).stderr()).contains("1 alarm(s)");
    }

    @Test
    void floodsOverForFifteenMinutesRaiseNoAlarmAndNoCountsShowNoLine() throws Exception {
        writeStatus(Instant.now(), "\"email\":{\"rateLimited\":12,\"flooding\":false}", false);
        Cli.expect(0, home.args("status", "--check"));

        writeStatus(Instant.now(), "\"email\":{\"rateLimited\":0,\"flooding\":false}", false);
        assertThat(Cli.expect(0, home.args("status")).stdout()).doesNotContain("Rate-limited");
    }

    @Test
    void diskLowIsAnAlarmOnlyWhileTheDaemonRuns() throws Exception {
        writeStatus(Instant.now(), "", true);
        JsonNode status =
                JSON.readTree(Cli.expect(0, home.args("status", "--json")).stdout());
        assertThat(status.get("alarms").findValuesAsText("code")).containsExactly("disk-low");
        assertThat(Cli.expect(0, home.args("status")).stdout()).contains("the disk is nearly full");

        writeStatus(Instant.now().minus(StatusCommand.STALE).minusSeconds(1), "", true);
        JsonNode stale =
                JSON.readTree(Cli.expect(0, home.args("status", "--json")).stdout());
        assertThat(stale.get("alarms")).isEmpty();
    }
}
