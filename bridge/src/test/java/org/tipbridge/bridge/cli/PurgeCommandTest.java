// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.retention.RetentionFixture;
import org.tipbridge.bridge.store.RecordStore;

class PurgeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CliHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.withOneTip(tmp, false);
    }

    /** Sets record 1's last analyst action {@code days} ago (the untouched rule is 90 days by default). */
    static void untouchedFor(CliHome home, int days) {
        long at = Instant.now().minus(Duration.ofDays(days)).getEpochSecond();
        RetentionFixture.sql(home.config.store(), "UPDATE records SET touched_at = ? WHERE id = 1", at);
    }

    @Test
    void dryRunListsWhatWouldGoAndDeletesNothing() throws Exception {
        untouchedFor(home, 100);

        String text = Cli.expect(0, home.args("purge", "--dry-run")).stdout();
        JsonNode json = JSON.readTree(
                Cli.expect(0, home.args("purge", "--dry-run", "--json")).stdout());

        assertThat(text).contains("Would delete 1 record(s): 1.").contains("Nothing was deleted.");
        assertThat(json.get("dryRun").asBoolean()).isTrue();
        assertThat(json.get("records").get(0).asLong()).isEqualTo(1);
        try (RecordStore store = home.store()) {
            assertThat(store.count()).isEqualTo(1);
            assertThat(store.findByHandle(CliHome.HANDLE)).isPresent();
        }
    }

    @Test
    void purgeDeletesWhatIsDueAndAuditsItUnderTheAccountThatRanIt() throws Exception {
        untouchedFor(home, 100);

        String text = Cli.expect(0, home.args("purge")).stdout();

        assertThat(text)
                .contains("Deleted 1 record(s): 1.")
                .contains("Destroyed 1 handle mapping(s)")
                .contains("compacted");
        assertThat(Cli.expect(0, home.args("queue", "list")).stdout()).contains("No records yet.");
        JsonNode audit =
                JSON.readTree(Cli.expect(0, home.args("audit", "--json")).stdout());
        assertThat(audit.get(0).get("action").asText()).isEqualTo("purged");
        assertThat(audit.get(0).get("detail").asText()).isEqualTo("untouched");
        assertThat(audit.get(0).get("actor").asText()).isEqualTo(Actor.current());
    }

    @Test
    void purgeWithNothingDueDeletesNothing() throws Exception {
        JsonNode json =
                JSON.readTree(Cli.expect(0, home.args("purge", "--json")).stdout());

        assertThat(Cli.expect(0, home.args("purge")).stdout()).contains("Nothing was due; nothing was deleted.");
        assertThat(json.get("records")).isEmpty();
        try (RecordStore store = home.store()) {
            assertThat(store.count()).isEqualTo(1);
        }
    }
}
