// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipbridge.bridge.cli.CliHome.HANDLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.retention.RetentionFixture;

class ExpiredConversationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPIRED = "This conversation has expired: its link to the sender was destroyed on"
            + " retention; replies cannot reach them.";

    @TempDir
    Path tmp;

    private CliHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.withOneTip(tmp, false);
        long idle = Instant.now().minus(Duration.ofDays(91)).getEpochSecond();
        RetentionFixture.sql(home.config.store(), "UPDATE handle_mappings SET last_seen = ?", idle);
        RetentionFixture.sql(
                home.config.store(),
                "UPDATE records SET touched_at = ?",
                Instant.now().getEpochSecond());
    }

    @Test
    void conversationOfAnExpiredHandleIsShownAsExpired() throws Exception {
        String before = Cli.expect(0, home.keyArgs("conversation", HANDLE)).stdout();
        assertThat(before).doesNotContain("expired");
        assertThat(Cli.expect(0, home.args("purge")).stdout()).contains("Destroyed 1 handle mapping(s)");

        String text = Cli.expect(0, home.keyArgs("conversation", HANDLE)).stdout();
        JsonNode json = JSON.readTree(
                Cli.expect(0, home.keyArgs("conversation", HANDLE, "--json")).stdout());

        assertThat(text).contains("Crates leave on Friday.").endsWith(EXPIRED + "\n");
        assertThat(json.get("expired").asBoolean()).isTrue();
    }

    @Test
    void replyToAnExpiredHandleExitsThreeWithTheReason() throws Exception {
        Cli.expect(0, home.args("purge"));

        String stderr = Cli.expect(3, home.args("reply", HANDLE, "--message", "Are you there?"))
                .stderr();

        assertThat(stderr).contains(EXPIRED).contains("new handle");
        assertThat(Cli.expect(0, home.args("outbox", "list")).stdout()).doesNotContain("Are you there");
    }
}
