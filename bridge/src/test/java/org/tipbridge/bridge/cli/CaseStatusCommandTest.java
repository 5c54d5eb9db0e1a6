// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseStatusCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CliHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.withOneTip(tmp, false);
    }

    @Test
    void statusChangesAreShownAndAuditedWithWhoAndWhat() throws Exception {
        Cli.expect(0, home.args("queue", "status", 1, "triaged"));
        Cli.expect(0, home.args("queue", "status", 1, "closed"));

        JsonNode list = JSON.readTree(
                Cli.expect(0, home.args("queue", "list", "--json")).stdout());
        JsonNode audit =
                JSON.readTree(Cli.expect(0, home.args("audit", "--json")).stdout());

        assertThat(list.get(0).get("status").asText()).isEqualTo("closed");
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).get("action").asText()).isEqualTo("status-changed");
        assertThat(audit.get(0).get("detail").asText()).isEqualTo("closed");
        assertThat(audit.get(1).get("detail").asText()).isEqualTo("triaged");
        assertThat(audit.get(0).get("record").asLong()).isEqualTo(1);
        assertThat(audit.get(0).get("actor").asText())
                .isEqualTo(Actor.current())
                .isNotBlank();
        assertThat(Cli.expect(0, home.args("audit")).stdout()).contains("status-changed closed");
    }

    @Test
    void unknownStatusOrRecordIsRefusedAndNothingIsAudited() throws Exception {
        assertThat(Cli.expect(2, home.args("queue", "status", 1, "archived")).stderr())
                .contains("new, triaged, investigating, closed");
        Cli.expect(3, home.args("queue", "status", 99, "closed"));

        assertThat(Cli.expect(0, home.args("audit")).stdout()).contains("The audit log is empty.");
    }
}
