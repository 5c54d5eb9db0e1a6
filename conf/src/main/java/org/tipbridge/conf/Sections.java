// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Builds and validates one config record per table from merged {@link Settings}. */
final class Sections {

    private static final String PORT = "must be a port number 1-65535";
    private static final String SECONDS = "must be a number of seconds 1-86400";
    private static final String COUNT = "must be a whole number 1-2147483647";
    private static final String INT_SIZE = "must be a size from 1 byte to 2GiB-1, e.g. 65536 or \"64KiB\"";
    private static final String LONG_SIZE = "must be a positive size in bytes, e.g. 268435456 or \"256MiB\"";
    private static final String PATH = "must be a non-empty file path";
    private static final String HOST = "[A-Za-z0-9][A-Za-z0-9.-]{0,252}|\\[?[0-9A-Fa-f:.]{2,45}\\]?";

    private final Settings settings;
    private final Path home;

    Sections(Settings settings, Path home) {
        this.settings = settings;
        this.home = home;
    }

    MailboxConfig mailbox() {
        String host = text("mailbox", "host", "must be empty (embedded mailbox) or a host name or IP address");
        if (!host.isEmpty() && !host.matches(HOST)) {
            throw get("mailbox", "host").invalid("must be empty (embedded mailbox) or a host name or IP address");
        }
        MailboxConfig config = new MailboxConfig(
                host,
                (int) get("mailbox", "imap_port").integer(1, 65535, PORT),
                (int) get("mailbox", "smtp_port").integer(1, 65535, PORT),
                get("mailbox", "tls").choice(MailboxConfig.Tls.class),
                nonEmpty("mailbox", "user", "must be a non-empty login name"),
                path("mailbox", "password_file"),
                nonEmpty("mailbox", "folder", "must be a non-empty folder name"),
                nonEmpty("mailbox", "quarantine_folder", "must be a non-empty folder name"),
                address(),
                get("mailbox", "idle").flag(),
                seconds("mailbox", "poll_seconds"),
                seconds("mailbox", "reconnect_max_seconds"));
        if (config.embedded() && config.imapPort() == config.smtpPort()) {
            throw get("mailbox", "smtp_port").invalid("must differ from [mailbox] imap_port for the embedded mailbox");
        }
        return config;
    }

    IntakeConfig intake() {
        Setting granularity = get("intake", "time_granularity");
        return new IntakeConfig(
                get("intake", "accept_plaintext").flag(),
                Granularity.parse(granularity.text(Granularity.ALLOWED))
                        .orElseThrow(() -> granularity.invalid(Granularity.ALLOWED)));
    }

    LimitsConfig limits() {
        return new LimitsConfig(
                get("limits", "max_message_bytes").size(Long.MAX_VALUE, LONG_SIZE),
                count("max_parts"),
                count("max_depth"),
                (int) get("limits", "max_header_bytes").size(Integer.MAX_VALUE, INT_SIZE),
                (int) get("limits", "max_line_bytes").size(Integer.MAX_VALUE, INT_SIZE),
                get("limits", "max_decompressed_bytes").size(Long.MAX_VALUE, LONG_SIZE),
                count("max_compression_ratio"),
                (int) get("limits", "max_text_bytes").size(Integer.MAX_VALUE, INT_SIZE));
    }

    KeysConfig keys() {
        String allowed = "must be empty or an environment variable name (letters, digits, _)";
        String passphraseEnv = text("keys", "passphrase_env", allowed);
        if (!passphraseEnv.isEmpty() && !passphraseEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw get("keys", "passphrase_env").invalid(allowed);
        }
        return new KeysConfig(
                path("keys", "bridge_key"),
                path("keys", "passphrase_file"),
                passphraseEnv.isEmpty() ? Optional.empty() : Optional.of(passphraseEnv),
                path("keys", "analysts_dir"),
                path("keys", "mapping_secrets"));
    }

    StoreConfig store() {
        return new StoreConfig(StoreUrl.resolve(get("store", "url"), home), path("store", "blob_dir"));
    }

    LogConfig log() {
        String level = get("log", "level").choice(LogLevel.class).name().toLowerCase(Locale.ROOT);
        Setting file = get("log", "file");
        String name = file.text(PATH);
        return new LogConfig(level, name.isEmpty() ? Optional.empty() : Optional.of(resolve(file, name)));
    }

    private String address() {
        String allowed = "must be an e-mail address such as tips@example.org";
        String address = text("mailbox", "address", allowed);
        if (!address.matches("[^@\\s]+@[^@\\s]+")) {
            throw get("mailbox", "address").invalid(allowed);
        }
        return address;
    }

    private int count(String key) {
        return (int) get("limits", key).integer(1, Integer.MAX_VALUE, COUNT);
    }

    private Duration seconds(String table, String key) {
        return Duration.ofSeconds(get(table, key).integer(1, 86_400, SECONDS));
    }

    private Path path(String table, String key) {
        Setting setting = get(table, key);
        String name = setting.text(PATH);
        if (name.isEmpty()) {
            throw setting.invalid(PATH);
        }
        return resolve(setting, name);
    }

    private Path resolve(Setting setting, String name) {
        try {
            return home.resolve(name).normalize();
        } catch (InvalidPathException e) {
            throw setting.invalid(PATH);
        }
    }

    private String nonEmpty(String table, String key, String allowed) {
        String value = text(table, key, allowed);
        if (value.isBlank()) {
            throw get(table, key).invalid(allowed);
        }
        return value;
    }

    private String text(String table, String key, String allowed) {
        return get(table, key).text(allowed);
    }

    private Setting get(String table, String key) {
        return settings.get(table, key);
    }

    /** The levels {@code [log] level} accepts. */
    private enum LogLevel {
        ERROR,
        WARN,
        INFO,
        DEBUG
    }
}
