// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.NewRecord;
import org.tipbridge.bridge.store.RecordStore;

class QueueListFiltersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("--before (\\d+)`");
    private static final String AMBER = "amber-otter-7K4QX";
    private static final String HERON = "brave-heron-2M9PQ";

    @TempDir
    Path tmp;

    private CliHome home;
    private int dedupe;

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.create(tmp);
    }

    private long commit(String handle, Channel channel, String received) {
        byte[] key = new byte[32];
        key[0] = (byte) ++dedupe;
        try (RecordStore store = home.store()) {
            return store.commit(new NewRecord(
                            handle,
                            channel,
                            Instant.parse(received),
                            key,
                            "opaque".getBytes(StandardCharsets.US_ASCII),
                            List.of()))
                    .id();
        }
    }

    private List<Long> ids(Object... filters) throws Exception {
        List<Object> args = new ArrayList<>(List.of("queue", "list", "--json"));
        args.addAll(List.of(filters));
        List<Long> ids = new ArrayList<>();
        JSON.readTree(Cli.expect(0, home.args(args.toArray())).stdout())
                .forEach(r -> ids.add(r.get("id").asLong()));
        return ids;
    }

    /** r1 amber email Oct 1; r2 heron signal Oct 15 triaged urgent alice; r3 heron email Nov 1 urgent,legal bob. */
    private void seed() {
        commit(AMBER, Channel.EMAIL, "2026-10-01T09:00:00Z");
        commit(HERON, Channel.SIGNAL, "2026-10-15T09:00:00Z");
        commit(HERON, Channel.EMAIL, "2026-11-01T00:00:00Z");
        Cli.expect(0, home.args("queue", "status", 2, "triaged"));
        Cli.expect(0, home.args("queue", "tag", 2, "+urgent"));
        Cli.expect(0, home.args("queue", "tag", 3, "+urgent", "+legal"));
        Cli.expect(0, home.args("queue", "assign", 2, "alice"));
        Cli.expect(0, home.args("queue", "assign", 3, "bob"));
    }

    @Test
    void eachFilterAlone() throws Exception {
        seed();

        assertThat(ids()).containsExactly(3L, 2L, 1L);
        assertThat(ids("--status", "triaged")).containsExactly(2L);
        assertThat(ids("--status", "new")).containsExactly(3L, 1L);
        assertThat(ids("--tag", "urgent")).containsExactly(3L, 2L);
        assertThat(ids("--channel", "signal")).containsExactly(2L);
        assertThat(ids("--handle", HERON)).containsExactly(3L, 2L);
        assertThat(ids("--since", "2026-11-01")).containsExactly(3L);
        assertThat(ids("--since", "2026-10-02")).containsExactly(3L, 2L);
        assertThat(ids("--assigned", "alice")).containsExactly(2L);
        assertThat(ids("--assigned", "none")).containsExactly(1L);
    }

    @Test
    void filtersCombine() throws Exception {
        seed();

        assertThat(ids("--tag", "urgent", "--channel", "email")).containsExactly(3L);
        assertThat(ids("--handle", HERON, "--assigned", "alice", "--status", "triaged"))
                .containsExactly(2L);
        assertThat(ids("--tag", "legal", "--since", "2026-11-02")).isEmpty();
        assertThat(Cli.expect(0, home.args("queue", "list", "--tag", "missing")).stdout())
                .isEqualTo("No records match.\n");
    }

    @Test
    void badFilterValuesExitTwoNamingTheRule() {
        assertThat(Cli.expect(2, home.args("queue", "list", "--status", "archived"))
                        .stderr())
                .contains("new, triaged, investigating, closed");
        assertThat(Cli.expect(2, home.args("queue", "list", "--channel", "fax")).stderr())
                .contains("email or signal");
        assertThat(Cli.expect(2, home.args("queue", "list", "--since", "1.11.2026"))
                        .stderr())
                .contains("YYYY-MM-DD");
        assertThat(Cli.expect(2, home.args("queue", "list", "--tag", "Urgent")).stderr())
                .contains("a tag is 1 to 32 characters");
        assertThat(Cli.expect(2, home.args("queue", "list", "--assigned", "a b"))
                        .stderr())
                .contains("64 characters");
        Cli.expect(2, home.args("queue", "list", "--limit", "0"));
        Cli.expect(3, home.args("queue", "list", "--before", "99"));
    }

    @Test
    void handleThatIsNotAHandleExitsTwoAndIsNotEchoed() {
        String bad = "x` ; rm -rf ~ `";

        Cli.Result result = Cli.expect(2, home.args("queue", "list", "--handle", bad));

        assertThat(result.stderr()).contains("--handle takes a handle").doesNotContain("rm -rf");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void followingTheNextPageHintVisitsEveryRecordOnce() {
        for (int n = 0; n < 8; n++) {
            commit(AMBER, Channel.EMAIL, "2026-10-01T09:00:0" + (n / 2) + "Z");
        }
        List<String> seen = new ArrayList<>();
        List<Object> args = new ArrayList<>(List.of("queue", "list", "--status", "new", "--limit", "3"));
        int pages = 0;
        while (true) {
            String out = Cli.expect(0, home.args(args.toArray())).stdout();
            out.lines().skip(1).filter(l -> l.matches("\\d+ .*")).forEach(l -> seen.add(l.split(" ")[0]));
            pages++;
            Matcher next = NEXT.matcher(out);
            if (!next.find()) {
                break;
            }
            assertThat(out).contains("tipbridge queue list --status new --limit 3 --before " + next.group(1));
            args = new ArrayList<>(
                    List.of("queue", "list", "--status", "new", "--limit", "3", "--before", next.group(1)));
        }

        assertThat(seen).containsExactly("8", "7", "6", "5", "4", "3", "2", "1");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void jsonPageStaysAnArrayAndTheHintGoesToStandardError() throws Exception {
        for (int n = 0; n < 3; n++) {
            commit(AMBER, Channel.EMAIL, "2026-10-01T09:00:0" + n + "Z");
        }

        Cli.Result r = Cli.expect(0, home.args("queue", "list", "--json", "--limit", "2"));
        JsonNode page = JSON.readTree(r.stdout());

        assertThat(page).hasSize(2);
        assertThat(page.get(0).has("assigned")).isTrue();
        assertThat(page.get(0).get("tags").isArray()).isTrue();
        assertThat(r.stderr()).contains("--before 2`");
    }
}
