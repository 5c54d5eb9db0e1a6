// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.SignalConfig;

/**
 * The shipped systemd units, the operator guide and the configuration defaults name the same
 * socket and attachment paths, and the signal-cli unit keeps its hardening.
 */
class DeployFilesTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path home;

    @Test
    void signalCliUnitKeepsItsHardening() throws IOException {
        Map<String, List<String>> service = unit("signal-cli.service");

        assertThat(service)
                .containsEntry("User", List.of("signal-cli"))
                .containsEntry("NoNewPrivileges", List.of("yes"))
                .containsEntry("ProtectSystem", List.of("strict"))
                .containsEntry("ProtectHome", List.of("yes"))
                .containsEntry("PrivateTmp", List.of("yes"))
                .containsEntry("PrivateDevices", List.of("yes"))
                .containsEntry("CapabilityBoundingSet", List.of(""))
                .containsEntry("SystemCallFilter", List.of("@system-service"))
                .containsEntry("RestrictAddressFamilies", List.of("AF_UNIX AF_INET AF_INET6"))
                .containsEntry("LimitCORE", List.of("0"))
                .containsEntry("UMask", List.of("0007"))
                .containsEntry("RuntimeDirectoryMode", List.of("0750"));
        // The JVM's JIT writes and then runs machine code; this option would break it.
        assertThat(service).doesNotContainKey("MemoryDenyWriteExecute");
    }

    @Test
    void signalCliRunsInManualReceiveModeWithGlobalOptionsFirst() throws IOException {
        List<String> args = execStart(unit("signal-cli.service"));
        int daemon = args.indexOf("daemon");

        assertThat(daemon).isPositive();
        assertThat(args.subList(0, daemon)).contains("--config", "--scrub-log", "-a");
        assertThat(args.subList(daemon, args.size()))
                .contains("--socket", "--ignore-avatars", "--ignore-stickers")
                .containsSequence("--receive-mode", "manual");
    }

    @Test
    void socketPathAgreesAcrossUnitAndGuide() throws IOException {
        Map<String, List<String>> service = unit("signal-cli.service");
        String socket = valueAfter(execStart(service), "--socket");

        assertThat(socket).isEqualTo("/run/" + single(service, "RuntimeDirectory") + "/socket");
        assertThat(guideSignalSetting("socket")).isEqualTo(socket);
    }

    @Test
    void attachmentsPathAgreesAcrossUnitsGuideAndDefaults() throws IOException {
        Map<String, List<String>> service = unit("signal-cli.service");
        String config = valueAfter(execStart(service), "--config");
        Path attachments = Path.of(config, "attachments");

        assertThat(single(service, "StateDirectory"))
                .isEqualTo(Path.of(config).getFileName().toString());
        assertThat(single(service, "ExecStartPre")).endsWith(" " + attachments);
        assertThat(unit("tipbridge.service").get("ReadWritePaths")).contains("-" + attachments);
        assertThat(Path.of(guideSignalSetting("data_dir")).resolve("attachments"))
                .isEqualTo(attachments);
        Files.writeString(home.resolve(ConfigLoader.FILE_NAME), "");
        SignalConfig defaults = ConfigLoader.load(home, Map.of()).signal();
        assertThat(defaults.dataDir().resolve("attachments")).isEqualTo(attachments);
    }

    @Test
    void tipbridgeStartsAfterSignalCli() throws IOException {
        Map<String, List<String>> tipbridge = unit("tipbridge.service");

        assertThat(words(tipbridge, "After")).contains("signal-cli.service");
        assertThat(words(tipbridge, "Wants")).contains("signal-cli.service");
        assertThat(tipbridge).doesNotContainKey("MemoryDenyWriteExecute");
    }

    /** Every assignment of a unit file, all sections together, continuation lines joined. */
    private static Map<String, List<String>> unit(String name) throws IOException {
        String text = Files.readString(REPO.resolve("deploy").resolve(name)).replace("\\\n", " ");
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith(";") || l.startsWith("[")) {
                continue;
            }
            int eq = l.indexOf('=');
            values.computeIfAbsent(l.substring(0, eq).strip(), k -> new ArrayList<>())
                    .add(l.substring(eq + 1).strip());
        }
        return values;
    }

    private static String single(Map<String, List<String>> unit, String key) {
        assertThat(unit.get(key)).as(key).hasSize(1);
        return unit.get(key).get(0);
    }

    private static List<String> words(Map<String, List<String>> unit, String key) {
        return unit.getOrDefault(key, List.of()).stream()
                .flatMap(v -> Arrays.stream(v.split("\\s+")))
                .toList();
    }

    private static List<String> execStart(Map<String, List<String>> unit) {
        return List.of(single(unit, "ExecStart").split("\\s+"));
    }

    private static String valueAfter(List<String> args, String option) {
        int at = args.indexOf(option);
        assertThat(at).as(option).isNotNegative().isLessThan(args.size() - 1);
        return args.get(at + 1);
    }

    /** A {@code key = "value"} line of the guide's {@code [signal]} example. */
    private static String guideSignalSetting(String key) throws IOException {
        String guide = Files.readString(REPO.resolve("docs/operator.md"));
        String table = guide.substring(guide.indexOf("\n[signal]\n"));
        Matcher m = Pattern.compile("\n" + key + " = \"([^\"]*)\"").matcher(table);
        assertThat(m.find()).as(key).isTrue();
        return m.group(1);
    }
}
