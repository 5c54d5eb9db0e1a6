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
    private static final String HOURS = "must be a number of hours 1-8760";
    private static final String PATH = "must be a non-empty file path";
    private static final String HOST = "[A-Za-z0-9][A-Za-z0-9.-]{0,252}|\\[?[0-9A-Fa-f:.]{2,45}\\]?";
    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    /** The addresses the bridge's mail composer writes (its {@code MimeHeaders}): ASCII dot-atoms, plain labels. */
    private static final String ADDRESS = ATEXT + "(\\." + ATEXT + ")*@[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*";

    private static final int MAX_ADDRESS = 254;

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
        String user = text("store", "user", "must be empty or a database login name");
        if (!user.isEmpty() && !user.matches("[A-Za-z0-9_.@-]{1,63}")) {
            throw get("store", "user").invalid("must be empty or a database login name (letters, digits, _ . @ -)");
        }
        String passwordFile = text("store", "password_file", "must be empty or a file path");
        long minFreeMb =
                get("store", "min_free_mb").integer(0, 1_048_576, "must be a number of MiB 0-1048576 (0: off)");
        return new StoreConfig(
                StoreUrl.resolve(get("store", "url"), home),
                path("store", "blob_dir"),
                user.isEmpty() ? Optional.empty() : Optional.of(user),
                passwordFile.isEmpty()
                        ? Optional.empty()
                        : Optional.of(resolve(get("store", "password_file"), passwordFile)),
                minFreeMb * 1024 * 1024);
    }

    FloodsConfig floods() {
        String rate = "must be a whole number 1-1000000";
        FloodsConfig floods = new FloodsConfig(
                (int) get("floods", "sender_burst").integer(1, 1_000_000, rate),
                (int) get("floods", "sender_per_hour").integer(1, 1_000_000, rate),
                (int) get("floods", "channel_burst").integer(1, 1_000_000, rate),
                (int) get("floods", "channel_per_hour").integer(1, 1_000_000, rate),
                get("floods", "policy").choice(FloodsConfig.Policy.class));
        atMostChannel("burst", floods.senderBurst(), floods.channelBurst());
        atMostChannel("per_hour", floods.senderPerHour(), floods.channelPerHour());
        return floods;
    }

    /** One sender may not be allowed more than its whole channel. */
    private static void atMostChannel(String what, int sender, int channel) {
        if (sender > channel) {
            throw new ConfigException("[floods] sender_" + what + " (" + sender + ") must not be larger than channel_"
                    + what + " (" + channel + "): one sender may not be allowed more than its whole channel");
        }
    }

    RetentionConfig retention() {
        long warn = get("retention", "warn_days").integer(0, 365, "must be a number of days 0-365");
        long minutes = get("retention", "run_minutes").integer(1, 10_080, "must be a number of minutes 1-10080");
        return new RetentionConfig(
                days("closed_days"),
                days("untouched_days"),
                days("handle_idle_days"),
                days("quarantine_days"),
                Duration.ofDays(warn),
                Duration.ofMinutes(minutes));
    }

    /** A retention period in days; 0 means never by this rule. */
    private Optional<Duration> days(String key) {
        long days = get("retention", key).integer(0, 36_500, "must be a number of days 0-36500 (0: never)");
        return days == 0 ? Optional.empty() : Optional.of(Duration.ofDays(days));
    }

    ClusterConfig cluster() {
        String allowed = "must be empty or a node name (letters, digits, - and _, at most 40)";
        String name = text("cluster", "node_name", allowed);
        if (!name.isEmpty() && !name.matches("[A-Za-z0-9_-]{1,40}")) {
            throw get("cluster", "node_name").invalid(allowed);
        }
        long failover = get("cluster", "failover_seconds").integer(10, 3600, "must be a number of seconds 10-3600");
        return new ClusterConfig(name.isEmpty() ? Optional.empty() : Optional.of(name), Duration.ofSeconds(failover));
    }

    OutboundConfig outbound() {
        String hostAllowed = "must be empty or a host name or IP address";
        String host = text("outbound", "smtp_host", hostAllowed);
        if (!host.isEmpty() && !host.matches(HOST)) {
            throw get("outbound", "smtp_host").invalid(hostAllowed);
        }
        String user = text("outbound", "user", "must be empty or a login name");
        String helo = text("outbound", "helo_name", "must be empty or a host name");
        if (!helo.isEmpty() && !helo.matches(HOST)) {
            throw get("outbound", "helo_name").invalid("must be empty or a host name");
        }
        MailboxConfig.Tls tls = outboundTls(host);
        Duration retryMin = seconds("outbound", "retry_min_seconds");
        Duration retryMax = seconds("outbound", "retry_max_seconds");
        if (retryMin.compareTo(retryMax) > 0) {
            Setting max = get("outbound", "retry_max_seconds");
            throw get("outbound", "retry_min_seconds").invalid("must not be greater than " + max.origin());
        }
        return new OutboundConfig(
                host,
                (int) get("outbound", "smtp_port").integer(1, 65535, PORT),
                tls,
                user.isBlank() ? Optional.empty() : Optional.of(user),
                path("outbound", "password_file"),
                socksProxy(),
                helo.isEmpty() ? Optional.empty() : Optional.of(helo),
                get("outbound", "no_key_policy").choice(OutboundConfig.NoKeyPolicy.class),
                seconds("outbound", "poll_seconds"),
                retryMin,
                retryMax,
                Duration.ofHours(get("outbound", "give_up_hours").integer(1, 8760, HOURS)),
                seconds("outbound", "timeout_seconds"));
    }

    /** No clear text towards a relay elsewhere: the envelope names the source's address. */
    private MailboxConfig.Tls outboundTls(String host) {
        Setting setting = get("outbound", "tls");
        MailboxConfig.Tls tls = setting.choice(MailboxConfig.Tls.class);
        if (tls == MailboxConfig.Tls.NONE && !host.isEmpty() && !ClearTextRelay.acceptable(host)) {
            throw setting.invalid("must be starttls or implicit unless smtp_host is this machine or an .onion address:"
                    + " with none, anyone on the way (a Tor exit too) reads whom replies go to");
        }
        return tls;
    }

    AcknowledgementConfig acknowledgement() {
        String allowed = "must be text containing " + AcknowledgementConfig.HANDLE_PLACEHOLDER
                + ", where the source's reference goes";
        String text = get("acknowledgement", "text").paragraphs(allowed);
        if (!text.contains(AcknowledgementConfig.HANDLE_PLACEHOLDER)) {
            throw get("acknowledgement", "text").invalid(allowed);
        }
        return new AcknowledgementConfig(
                get("acknowledgement", "email").flag(),
                get("acknowledgement", "follow_ups").flag(),
                Duration.ofHours(get("acknowledgement", "min_interval_hours").integer(1, 8760, HOURS)),
                text.strip(),
                (int) get("acknowledgement", "max_per_hour").integer(1, 100_000, "must be a whole number 1-100000"),
                get("acknowledgement", "signal").flag());
    }

    SignalConfig signal() {
        String socketName = text("signal", "socket", PATH);
        Optional<java.nio.file.Path> socket =
                socketName.isEmpty() ? Optional.empty() : Optional.of(resolve(get("signal", "socket"), socketName));
        Optional<OutboundConfig.HostPort> tcp =
                hostPort("signal", "tcp", "must be empty or host:port, e.g. \"127.0.0.1:7583\"");
        if (socket.isPresent() && tcp.isPresent()) {
            throw get("signal", "tcp").invalid("must be empty when [signal] socket is set (use one of them)");
        }
        String account = text("signal", "account", "must be empty or the account's number, e.g. \"+254700000000\"");
        if (!account.isEmpty() && !account.matches("\\+[0-9]{6,15}")) {
            throw get("signal", "account").invalid("must be empty or the account's number, e.g. \"+254700000000\"");
        }
        String notice = get("signal", "group_notice").paragraphs("must be text (empty: groups get no answer)");
        long quietHours =
                get("signal", "alarm_quiet_hours").integer(0, 8760, "must be a number of hours 0-8760 (0: no alarm)");
        return new SignalConfig(
                socket,
                tcp,
                account.isEmpty() ? Optional.empty() : Optional.of(account),
                path("signal", "data_dir"),
                notice.isBlank() ? Optional.empty() : Optional.of(notice.strip()),
                quietHours == 0 ? Optional.empty() : Optional.of(Duration.ofHours(quietHours)));
    }

    private Optional<OutboundConfig.HostPort> socksProxy() {
        return hostPort("outbound", "socks_proxy", "must be empty or host:port, e.g. \"127.0.0.1:9050\"");
    }

    /** An optional {@code host:port} value. */
    private Optional<OutboundConfig.HostPort> hostPort(String table, String key, String allowed) {
        Setting setting = get(table, key);
        String value = setting.text(allowed);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        int colon = value.lastIndexOf(':');
        if (colon < 1
                || !value.substring(0, colon).matches(HOST)
                || !value.substring(colon + 1).matches("[0-9]{1,5}")) {
            throw setting.invalid(allowed);
        }
        int port = Integer.parseInt(value.substring(colon + 1));
        if (port < 1 || port > 65535) {
            throw setting.invalid(allowed);
        }
        return Optional.of(new OutboundConfig.HostPort(value.substring(0, colon).replaceAll("^\\[|\\]$", ""), port));
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
        if (address.length() > MAX_ADDRESS || !address.matches(ADDRESS)) {
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
