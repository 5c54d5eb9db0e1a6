// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipbridge.bridge.cli.CliHome.HANDLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CliHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.withOneTip(tmp, false);
    }

    private JsonNode list(Object... filters) throws Exception {
        List<Object> args = new ArrayList<>(List.of("queue", "list", "--json"));
        args.addAll(List.of(filters));
        return JSON.readTree(Cli.expect(0, home.args(args.toArray())).stdout());
    }

    private List<String> auditActions() throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(Cli.expect(0, home.args("audit", "--json")).stdout())
                .forEach(e ->
                        out.add(e.get("action").asText() + ":" + e.get("detail").asText("")));
        return out;
    }

    @Test
    void plusAddsAndMinusRemovesTagsWithHomeBeforeOrAfter() throws Exception {
        Cli.expect(0, home.args("queue", "tag", 1, "+urgent", "+hot", "+legal"));
        Cli.Result removed = Cli.expect(0, "queue", "tag", "--home", home.dir, 1, "-hot", "-urgent");

        assertThat(removed.stdout()).contains("Record 1 tags: legal.");
        assertThat(list().get(0).get("tags").toString()).isEqualTo("[\"legal\"]");
        assertThat(auditActions())
                .containsExactly(
                        "tag-removed:urgent",
                        "tag-removed:hot",
                        "tag-added:urgent",
                        "tag-added:legal",
                        "tag-added:hot");
    }

    @Test
    void tagHelpStillWorksAndExplainsPlusAndMinus() {
        assertThat(Cli.expect(0, "queue", "tag", "--help").stdout())
                .contains("+TAG|-TAG")
                .contains("--home");
    }

    @Test
    void malformedTagsExitTwoNamingTheRuleAndChangeNothing() throws Exception {
        for (String bad : List.of("+Urgent", "urgent", "+", "-", "+-x", "+" + "a".repeat(33), "+a b")) {
            assertThat(Cli.expect(2, home.args("queue", "tag", 1, bad)).stderr())
                    .as(bad)
                    .contains("a tag is 1 to 32 characters a-z, 0-9");
        }
        assertThat(Cli.expect(2, home.args("queue", "tag", 1, "+x", "-x")).stderr())
                .contains("both added and removed");
        Cli.expect(3, home.args("queue", "tag", 99, "+urgent"));

        assertThat(list().get(0).get("tags")).isEmpty();
        assertThat(auditActions()).isEmpty();
    }

    @Test
    void assignAndNoneAreShownAndAudited() throws Exception {
        Cli.Result assigned = Cli.expect(0, home.args("queue", "assign", 1, "alice.b@desk"));
        assertThat(list().get(0).get("assigned").asText()).isEqualTo("alice.b@desk");

        Cli.expect(0, home.args("queue", "assign", 1, "--none"));

        assertThat(assigned.stdout()).isEqualTo("Record 1 is assigned to alice.b@desk.\n");
        assertThat(list().get(0).get("assigned").isNull()).isTrue();
        assertThat(auditActions()).containsExactly("unassigned:alice.b@desk", "assigned:alice.b@desk");
    }

    @Test
    void badAssignmentsAreRefused() throws Exception {
        assertThat(Cli.expect(2, home.args("queue", "assign", 1, "alice smith")).stderr())
                .contains("ANALYST must be 1 to 64 characters");
        assertThat(Cli.expect(2, home.args("queue", "assign", 1)).stderr()).contains("--none");
        Cli.expect(2, home.args("queue", "assign", 1, "alice", "--none"));
        Cli.expect(3, home.args("queue", "assign", 99, "alice"));

        assertThat(auditActions()).isEmpty();
    }

    @Test
    void textTableShowsAssignedAndTags() {
        Cli.expect(0, home.args("queue", "tag", 1, "+urgent", "+legal"));
        Cli.expect(0, home.args("queue", "assign", 1, "alice"));

        List<String> lines =
                Cli.expect(0, home.args("queue", "list")).stdout().lines().toList();

        assertThat(lines.get(0).split(" +"))
                .containsExactly("ID", "HANDLE", "CHANNEL", "RECEIVED", "STATUS", "ATTACHMENTS", "ASSIGNED", "TAGS");
        assertThat(lines.get(1).split(" +"))
                .containsExactly(
                        "1", HANDLE, "email", CliHome.RECEIVED.toString(), "new", "0", "alice", "legal,urgent");
        assertThat(lines).hasSize(2);
    }
}
