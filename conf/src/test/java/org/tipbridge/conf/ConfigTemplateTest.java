// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTemplateTest {

    /** A valid value other than the default for every key the template has. */
    private static final Map<String, String> OTHER_VALUES = Map.ofEntries(
            Map.entry("mailbox.host", "imap.example.org"),
            Map.entry("mailbox.imap_port", "993"),
            Map.entry("mailbox.smtp_port", "587"),
            Map.entry("mailbox.tls", "starttls"),
            Map.entry("mailbox.user", "someone"),
            Map.entry("mailbox.password_file", "other/password"),
            Map.entry("mailbox.folder", "Tips"),
            Map.entry("mailbox.quarantine_folder", "Held"),
            Map.entry("mailbox.address", "tips@example.org"),
            Map.entry("mailbox.idle", "false"),
            Map.entry("mailbox.poll_seconds", "30"),
            Map.entry("mailbox.reconnect_max_seconds", "600"),
            Map.entry("intake.accept_plaintext", "false"),
            Map.entry("intake.time_granularity", "15m"),
            Map.entry("limits.max_message_bytes", "1MiB"),
            Map.entry("limits.max_parts", "20"),
            Map.entry("limits.max_depth", "4"),
            Map.entry("limits.max_header_bytes", "1024"),
            Map.entry("limits.max_line_bytes", "2048"),
            Map.entry("limits.max_decompressed_bytes", "2GiB"),
            Map.entry("limits.max_compression_ratio", "50"),
            Map.entry("limits.max_text_bytes", "4096"),
            Map.entry("keys.bridge_key", "k.asc"),
            Map.entry("keys.passphrase_file", "p"),
            Map.entry("keys.passphrase_env", "TIPBRIDGE_PASSPHRASE"),
            Map.entry("keys.analysts_dir", "a"),
            Map.entry("keys.mapping_secrets", "m"),
            Map.entry("store.url", "jdbc:postgresql://db/tips"),
            Map.entry("store.blob_dir", "blobs"),
            Map.entry("store.user", "tipbridge"),
            Map.entry("store.password_file", "secrets/db-password"),
            Map.entry("store.min_free_mb", "0"),
            Map.entry("floods.sender_burst", "5"),
            Map.entry("floods.sender_per_hour", "30"),
            Map.entry("floods.channel_burst", "100"),
            Map.entry("floods.channel_per_hour", "1000"),
            Map.entry("floods.policy", "drop"),
            Map.entry("retention.closed_days", "10"),
            Map.entry("retention.untouched_days", "0"),
            Map.entry("retention.handle_idle_days", "200"),
            Map.entry("retention.quarantine_days", "5"),
            Map.entry("retention.warn_days", "3"),
            Map.entry("retention.run_minutes", "15"),
            Map.entry("cluster.node_name", "node-b"),
            Map.entry("cluster.failover_seconds", "60"),
            Map.entry("outbound.smtp_host", "relay.example.onion"),
            Map.entry("outbound.smtp_port", "587"),
            Map.entry("outbound.tls", "starttls"),
            Map.entry("outbound.user", "sender"),
            Map.entry("outbound.password_file", "other/smtp-password"),
            Map.entry("outbound.socks_proxy", "127.0.0.1:9050"),
            Map.entry("outbound.helo_name", "mail.example.org"),
            Map.entry("outbound.no_key_policy", "plaintext"),
            Map.entry("outbound.poll_seconds", "5"),
            Map.entry("outbound.retry_min_seconds", "10"),
            Map.entry("outbound.retry_max_seconds", "600"),
            Map.entry("outbound.give_up_hours", "24"),
            Map.entry("outbound.timeout_seconds", "20"),
            Map.entry("acknowledgement.email", "false"),
            Map.entry("acknowledgement.follow_ups", "true"),
            Map.entry("acknowledgement.min_interval_hours", "1"),
            Map.entry("acknowledgement.signal", "false"),
            Map.entry("acknowledgement.text", "Received; your reference is {handle}."),
            Map.entry("acknowledgement.max_per_hour", "7"),
            Map.entry("signal.socket", "/run/signal-cli/socket"),
            Map.entry("signal.tcp", "127.0.0.1:7583"),
            Map.entry("signal.account", "+254700000000"),
            Map.entry("signal.data_dir", "signal-data"),
            Map.entry("signal.group_notice", "Please write to us directly."),
            Map.entry("signal.alarm_quiet_hours", "48"),
            Map.entry("log.level", "debug"),
            Map.entry("log.file", "tipbridge.log"));

    @TempDir
    Path home;

    @Test
    void everyTableHasOneKeyPerRecordField() throws IOException {
        JsonNode template = new TomlMapper().readTree(ConfigTemplate.text());
        RecordComponent[] sections = TipbridgeConfig.class.getRecordComponents();

        assertThat(template.size()).isEqualTo(sections.length);
        for (RecordComponent section : sections) {
            assertThat(template.get(section.getName()).size())
                    .as("keys in [%s]", section.getName())
                    .isEqualTo(section.getType().getRecordComponents().length);
        }
    }

    @Test
    void everyKeySetsItsOwnRecordField() throws Exception {
        Files.writeString(home.resolve(ConfigLoader.FILE_NAME), ConfigTemplate.text());
        TipbridgeConfig defaults = ConfigLoader.load(home, Map.of());
        JsonNode template = new TomlMapper().readTree(ConfigTemplate.text());
        Set<String> fieldsSet = new HashSet<>();
        List<String> keys = new ArrayList<>();

        for (Map.Entry<String, JsonNode> table : template.properties()) {
            for (Map.Entry<String, JsonNode> key : table.getValue().properties()) {
                String name = table.getKey() + "." + key.getKey();
                keys.add(name);
                fieldsSet.add(onlyChangedField(defaults, overridden(name)));
            }
        }

        assertThat(OTHER_VALUES.keySet()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(fieldsSet).hasSize(keys.size());
    }

    @Test
    void headerMentionsEnvironmentOverrides() {
        assertThat(ConfigTemplate.text()).contains("TIPBRIDGE_<TABLE>_<KEY>");
    }

    @Test
    void everyKeyHasAComment() {
        String[] lines = ConfigTemplate.text().split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].matches("[a-z_]+ = .*")) {
                assertThat(lines[i - 1]).as("comment above %s", lines[i]).startsWith("# ");
            }
        }
    }

    private TipbridgeConfig overridden(String dottedKey) {
        String variable = "TIPBRIDGE_" + dottedKey.replace('.', '_').toUpperCase(Locale.ROOT);
        return ConfigLoader.load(home, Map.of(variable, OTHER_VALUES.get(dottedKey)));
    }

    /** The single "section.field" that differs between two configs; fails if it is not exactly one. */
    private static String onlyChangedField(TipbridgeConfig before, TipbridgeConfig after) throws Exception {
        List<String> changed = new ArrayList<>();
        for (RecordComponent section : TipbridgeConfig.class.getRecordComponents()) {
            Object a = section.getAccessor().invoke(before);
            Object b = section.getAccessor().invoke(after);
            for (RecordComponent field : section.getType().getRecordComponents()) {
                if (!field.getAccessor().invoke(a).equals(field.getAccessor().invoke(b))) {
                    changed.add(section.getName() + "." + field.getName());
                }
            }
        }
        assertThat(changed).hasSize(1);
        return changed.get(0);
    }
}
