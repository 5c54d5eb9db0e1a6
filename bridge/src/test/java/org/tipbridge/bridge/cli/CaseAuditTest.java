// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipbridge.bridge.cli.CliHome.HANDLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.NewReply;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.TrustHolds;

class CaseAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CliHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.withOneTip(tmp, false);
        home.tip(HANDLE, "Follow-up", "They moved it.", false);
    }

    /** action:detail@record, oldest first. */
    private List<String> trail() throws Exception {
        JsonNode events =
                JSON.readTree(Cli.expect(0, home.args("audit", "--json")).stdout());
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(
                0,
                e.get("action").asText() + ":" + e.get("detail").asText("") + "@"
                        + e.get("record").asLong()));
        return out;
    }

    @Test
    void everyAnalystActionIsAuditedWithoutContent() throws Exception {
        Cli.expect(0, home.args("queue", "status", 1, "triaged"));
        Cli.expect(0, home.args("queue", "tag", 1, "+urgent"));
        Cli.expect(0, home.args("queue", "assign", 1, "alice"));
        Cli.expect(0, home.args("note", 1, "--message", "Secret note words."));
        Cli.expect(0, home.keyArgs("queue", "show", 1));
        Cli.expect(0, home.keyArgs("conversation", HANDLE));
        String reply = Cli.expect(0, home.args("reply", HANDLE, "--message", "Secret reply words."))
                .stdout()
                .replaceAll("(?s)Queued reply (\\d+) .*", "$1");
        Cli.expect(0, home.args("outbox", "cancel", reply));

        assertThat(trail())
                .containsExactly(
                        "status-changed:triaged@1",
                        "tag-added:urgent@1",
                        "assigned:alice@1",
                        "note-added:@1",
                        "viewed:@1",
                        "viewed:@1",
                        "viewed:@2",
                        "reply-queued:" + reply + "@2",
                        "outbox-cancelled:" + reply + "@2");
        String audit = Cli.expect(0, home.args("audit", "--json")).stdout();
        assertThat(audit).doesNotContain("Secret").doesNotContain("words").doesNotContain(HANDLE);
    }

    @Test
    void retryAndTrustAreAuditedAgainstTheNewestRecord() throws Exception {
        long failed = queue();
        long held = queue();
        try (RecordStore store = home.store()) {
            store.outbox().markSending(failed, Instant.now());
            store.outbox().markFailed(failed, "smtp-550", Instant.now());
            store.outbox().markSending(held, Instant.now());
            store.outbox().markNeedsDecision(held, TrustHolds.SAFETY_NUMBER_CHANGED, Instant.now());
        }

        Cli.expect(0, home.args("outbox", "retry", failed));
        Cli.expect(0, home.args("signal", "trust", HANDLE, "--unverified"));

        assertThat(trail()).containsExactly("outbox-retried:" + failed + "@2", "signal-trusted:unverified@2");
    }

    @Test
    void refusedActionsLeaveNoTrail() throws Exception {
        Cli.expect(3, home.keyArgs("queue", "show", 99));
        Cli.expect(3, home.args("outbox", "cancel", 99));
        Cli.expect(3, home.keyArgs("conversation", "quiet-lynx-4H7RD"));

        assertThat(trail()).isEmpty();
    }

    private long queue() {
        byte[] opaque = "opaque sealed text".getBytes(StandardCharsets.US_ASCII);
        try (RecordStore store = home.store()) {
            return store.outbox()
                    .queueReply(new NewReply(HANDLE, Channel.SIGNAL, opaque, opaque, false, Instant.now()));
        }
    }
}
