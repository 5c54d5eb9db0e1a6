// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpiryWarningCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HINT = "keep one with `tipbridge queue keep ID --until YYYY-MM-DD`";

    @TempDir
    Path tmp;

    private CliHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.withOneTip(tmp, false);
    }

    @Test
    void statusAndQueueListPointOutRecordsExpiringWithinTheWarningPeriod() throws Exception {
        PurgeCommandTest.untouchedFor(home, 85);
        String day = Instant.now()
                .plus(Duration.ofDays(5))
                .atZone(ZoneOffset.UTC)
                .toLocalDate()
                .toString();
        String line = "1 record expires within 7 days (record 1 on " + day + "); " + HINT;

        String status = Cli.expect(0, home.args("status")).stdout();
        JsonNode json =
                JSON.readTree(Cli.expect(0, home.args("status", "--json")).stdout());
        String list = Cli.expect(0, home.args("queue", "list")).stdout();

        assertThat(status).contains("Retention:   " + line);
        assertThat(list).contains(line);
        assertThat(json.get("expiring").get("count").asInt()).isEqualTo(1);
        assertThat(json.get("expiring").get("withinDays").asInt()).isEqualTo(7);
        assertThat(json.get("expiring").get("records").get(0).get("id").asLong())
                .isEqualTo(1);
        assertThat(json.get("expiring").get("records").get(0).get("rule").asText())
                .isEqualTo("untouched");
    }

    @Test
    void noWarningWhileNothingExpiresSoon() throws Exception {
        PurgeCommandTest.untouchedFor(home, 80);

        JsonNode json =
                JSON.readTree(Cli.expect(0, home.args("status", "--json")).stdout());

        assertThat(Cli.expect(0, home.args("status")).stdout()).doesNotContain("expire");
        assertThat(Cli.expect(0, home.args("queue", "list")).stdout()).doesNotContain("expire");
        assertThat(json.get("expiring").get("count").asInt()).isZero();
    }
}
