// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.retention.RetentionFixture;
import org.tipbridge.bridge.store.RecordStore;

class KeepCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CliHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.withOneTip(tmp, false);
        long closedAt = Instant.now().minus(Duration.ofDays(40)).getEpochSecond();
        RetentionFixture.sql(
                home.config.store(), "UPDATE records SET status = 'closed', closed_at = ? WHERE id = 1", closedAt);
    }

    @Test
    void heldRecordSurvivesPurgeUntilReleased() throws Exception {
        String until = today().plusDays(30).toString();

        String held =
                Cli.expect(0, home.args("queue", "keep", 1, "--until", until)).stdout();
        Cli.expect(0, home.args("purge"));
        assertThat(count()).isEqualTo(1);
        String released =
                Cli.expect(0, home.args("queue", "keep", 1, "--release")).stdout();
        Cli.expect(0, home.args("purge"));

        assertThat(held)
                .contains("Record 1 is held through " + until + " (UTC)")
                .contains("--release");
        assertThat(released).contains("Record 1 is no longer held");
        assertThat(count()).isZero();
        JsonNode audit =
                JSON.readTree(Cli.expect(0, home.args("audit", "--json")).stdout());
        assertThat(audit.get(2).get("action").asText()).isEqualTo("held");
        assertThat(audit.get(2).get("detail").asText()).isEqualTo(until);
        assertThat(audit.get(1).get("action").asText()).isEqualTo("released");
        assertThat(audit.get(0).get("action").asText()).isEqualTo("purged");
    }

    @Test
    void holdThroughTodayLastsUntilTheEndOfTheDayUtc() throws Exception {
        Cli.expect(0, home.args("queue", "keep", 1, "--until", today().toString()));

        try (RecordStore store = home.store()) {
            Instant end = store.retention().times(1).orElseThrow().keepUntil().orElseThrow();
            assertThat(end)
                    .isEqualTo(today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
    }

    @Test
    void pastOrMalformedDateOrUnknownRecordIsRefused() throws Exception {
        String past = today().minusDays(1).toString();

        assertThat(Cli.expect(2, home.args("queue", "keep", 1, "--until", past)).stderr())
                .contains("in the past");
        assertThat(Cli.expect(2, home.args("queue", "keep", 1, "--until", "31/12/2030"))
                        .stderr())
                .contains("YYYY-MM-DD");
        Cli.expect(2, home.args("queue", "keep", 1));
        Cli.expect(
                3, home.args("queue", "keep", 99, "--until", today().plusDays(1).toString()));
        try (RecordStore store = home.store()) {
            assertThat(store.retention().times(1).orElseThrow().keepUntil()).isEmpty();
        }
        assertThat(Cli.expect(0, home.args("audit")).stdout()).contains("The audit log is empty.");
    }

    @Test
    void holdAndReleaseDoNotRestartTheUntouchedClock() throws Exception {
        long touched = Instant.now().minus(Duration.ofDays(80)).getEpochSecond();
        RetentionFixture.sql(home.config.store(), "UPDATE records SET touched_at = ? WHERE id = 1", touched);

        Cli.expect(
                0, home.args("queue", "keep", 1, "--until", today().plusDays(1).toString()));
        Instant afterHold = touchedAt();
        Cli.expect(0, home.args("queue", "keep", 1, "--release"));

        assertThat(afterHold.getEpochSecond()).isEqualTo(touched);
        assertThat(touchedAt().getEpochSecond()).isEqualTo(touched);
    }

    @Test
    void showAndListShowTheHold() throws Exception {
        LocalDate last = today().plusDays(10);
        String end = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        assertThat(JSON.readTree(Cli.expect(0, home.args("queue", "list", "--json"))
                                .stdout())
                        .get(0)
                        .get("keepUntil")
                        .isNull())
                .isTrue();

        Cli.expect(0, home.args("queue", "keep", 1, "--until", last.toString()));

        assertThat(Cli.expect(0, home.keyArgs("queue", "show", 1)).stdout()).contains("held until " + last);
        assertThat(JSON.readTree(Cli.expect(0, home.keyArgs("queue", "show", 1, "--json"))
                                .stdout())
                        .get("keepUntil")
                        .asText())
                .isEqualTo(end);
        assertThat(JSON.readTree(Cli.expect(0, home.args("queue", "list", "--json"))
                                .stdout())
                        .get(0)
                        .get("keepUntil")
                        .asText())
                .isEqualTo(end);
    }

    private Instant touchedAt() {
        try (RecordStore store = home.store()) {
            return store.retention().times(1).orElseThrow().touched();
        }
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private long count() {
        try (RecordStore store = home.store()) {
            return store.count();
        }
    }
}
