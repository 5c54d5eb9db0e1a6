// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {

    @TempDir
    Path home;

    @Test
    void loadsDefaultsFromTemplate() throws IOException {
        write(ConfigTemplate.text());

        assertThat(ConfigLoader.load(home, Map.of())).isEqualTo(Defaults.config(home));
    }

    @Test
    void emptyFileMeansDefaults() throws IOException {
        write("");

        assertThat(ConfigLoader.load(home, Map.of())).isEqualTo(Defaults.config(home));
    }

    @Test
    void environmentOverridesFileValue() throws IOException {
        write("[mailbox]\nimap_port = 3000\n");

        TipbridgeConfig config = ConfigLoader.load(home, Map.of("TIPBRIDGE_MAILBOX_IMAP_PORT", "2200"));

        assertThat(config.mailbox().imapPort()).isEqualTo(2200);
    }

    @Test
    void fileOverridesDefault() throws IOException {
        write("[mailbox]\nhost = \"imap.example.org\"\ntls = \"implicit\"\nidle = false\n");

        MailboxConfig mailbox = ConfigLoader.load(home, Map.of()).mailbox();

        assertThat(mailbox.host()).isEqualTo("imap.example.org");
        assertThat(mailbox.embedded()).isFalse();
        assertThat(mailbox.tls()).isEqualTo(MailboxConfig.Tls.IMPLICIT);
        assertThat(mailbox.idle()).isFalse();
    }

    @Test
    void rejectsInvalidPortNamingTheKey() throws IOException {
        write("[mailbox]\nimap_port = 70000\n");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("[mailbox] imap_port must be a port number 1-65535");
    }

    @Test
    void rejectsInvalidPortFromEnvironmentNamingTheVariable() throws IOException {
        write("");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of("TIPBRIDGE_MAILBOX_SMTP_PORT", "smtp")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("[mailbox] smtp_port (from TIPBRIDGE_MAILBOX_SMTP_PORT) must be a port number 1-65535");
    }

    @Test
    void rejectsWrongTypeInFile() throws IOException {
        write("[mailbox]\nimap_port = \"2143\"\n");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessageContaining("[mailbox] imap_port must be a port number");
    }

    @Test
    void rejectsUnknownKey() throws IOException {
        write("[mailbox]\nimap_prot = 2143\n");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown key [mailbox] imap_prot in " + home.resolve("tipbridge.toml"))
                .hasMessageContaining("imap_port");
    }

    @Test
    void rejectsUnknownTable() throws IOException {
        write("[mailbx]\nhost = \"x\"\n");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessageStartingWith("unknown table [mailbx]")
                .hasMessageContaining("mailbox");
    }

    @Test
    void rejectsKeyOutsideAnyTable() throws IOException {
        write("imap_port = 1\n");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessageStartingWith("unknown key 'imap_port' outside any table");
    }

    @Test
    void rejectsUnknownEnvironmentKeyOfKnownTable() throws IOException {
        write("");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of("TIPBRIDGE_MAILBOX_IMAP_PROT", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable TIPBRIDGE_MAILBOX_IMAP_PROT names no key in [mailbox]");
    }

    @Test
    void ignoresReservedAndForeignVariables() throws IOException {
        write("");
        Map<String, String> env = Map.of(
                "TIPBRIDGE_HOME", "/elsewhere",
                "TIPBRIDGE_PASSPHRASE", "secret",
                "TIPBRIDGE_UNRELATED_THING", "x",
                "PATH", "/usr/bin");

        assertThat(ConfigLoader.load(home, env)).isEqualTo(Defaults.config(home));
    }

    @Test
    void rejectsUnknownEnumListingAllowedValues() throws IOException {
        write("[mailbox]\ntls = \"ssl\"\n");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessage("[mailbox] tls must be one of none, starttls, implicit");
    }

    @Test
    void rejectsUnknownLogLevelListingAllowedValues() throws IOException {
        write("");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of("TIPBRIDGE_LOG_LEVEL", "trace")))
                .hasMessage("[log] level (from TIPBRIDGE_LOG_LEVEL) must be one of error, warn, info, debug");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7m", "0m", "2d", "25h", "30s", "1", "h", "-1h"})
    void rejectsNonDividingGranularity(String granularity) throws IOException {
        write("[intake]\ntime_granularity = \"" + granularity + "\"\n");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessageStartingWith("[intake] time_granularity must be Nm, Nh or 1d that divides a day evenly");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1m", "15m", "90m", "6h", "24h", "1d"})
    void acceptsDividingGranularity(String granularity) throws IOException {
        write("");

        IntakeConfig intake = ConfigLoader.load(home, Map.of("TIPBRIDGE_INTAKE_TIME_GRANULARITY", granularity))
                .intake();

        assertThat(Duration.ofDays(1).toMinutes() % intake.timeGranularity().toMinutes())
                .isZero();
    }

    @Test
    void relativePathsResolveAgainstHome() throws IOException {
        write("[keys]\nbridge_key = \"../shared/bridge.asc\"\nanalysts_dir = \"/etc/tipbridge/analysts\"\n"
                + "[log]\nfile = \"logs/tipbridge.log\"\n");

        TipbridgeConfig config = ConfigLoader.load(home, Map.of());

        assertThat(config.keys().bridgeKey()).isEqualTo(home.getParent().resolve("shared/bridge.asc"));
        assertThat(config.keys().analystsDir()).isEqualTo(Path.of("/etc/tipbridge/analysts"));
        assertThat(config.log().file()).contains(home.resolve("logs/tipbridge.log"));
        assertThat(config.store().blobDir()).isEqualTo(home.resolve("data/blobs"));
    }

    @Test
    void relativeHomeBecomesAbsolute() throws IOException {
        write("");
        Path relativeHome = Path.of("").toAbsolutePath().relativize(home);

        TipbridgeConfig config = ConfigLoader.load(relativeHome, Map.of());

        assertThat(config.keys().bridgeKey()).isEqualTo(home.resolve("keys/bridge.sec.asc"));
    }

    @Test
    void sqliteUrlResolvesAgainstHomeAndOtherUrlsAreKept() throws IOException {
        write("[store]\nurl = \"jdbc:sqlite:db/tips.db?journal_mode=WAL\"\n");
        assertThat(ConfigLoader.load(home, Map.of()).store().url())
                .isEqualTo("jdbc:sqlite:" + home.resolve("db/tips.db") + "?journal_mode=WAL");

        String postgres = "jdbc:postgresql://db.internal:5432/tips";
        assertThat(ConfigLoader.load(home, Map.of("TIPBRIDGE_STORE_URL", postgres))
                        .store()
                        .url())
                .isEqualTo(postgres);
    }

    @Test
    void neverEchoesRejectedValues() throws IOException {
        write("[store]\nurl = \"postgresql://tips:hunter2@db/tips\"\n");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessageStartingWith("[store] url must be empty")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void syntaxErrorNamesPositionNotContent() throws IOException {
        write("[mailbox]\npassword = hunter2 and more\n");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessageContaining("is not valid TOML at line 2")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void missingFileSuggestsInit() {
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(home.resolve("tipbridge.toml").toString())
                .hasMessageContaining("tipbridge init");
    }

    @Test
    void sizesAcceptBinaryUnits() throws IOException {
        write("[limits]\nmax_header_bytes = \"32KiB\"\nmax_message_bytes = \"1 GiB\"\nmax_line_bytes = 512\n");

        LimitsConfig limits = ConfigLoader.load(home, Map.of("TIPBRIDGE_LIMITS_MAX_TEXT_BYTES", "1MiB"))
                .limits();

        assertThat(limits.maxHeaderBytes()).isEqualTo(32 * 1024);
        assertThat(limits.maxMessageBytes()).isEqualTo(1L << 30);
        assertThat(limits.maxLineBytes()).isEqualTo(512);
        assertThat(limits.maxTextBytes()).isEqualTo(1 << 20);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "\"2GiB\"", "\"12 parsecs\"", "1.5", "true"})
    void rejectsNonPositiveOrOversizedLimits(String value) throws IOException {
        write("[limits]\nmax_header_bytes = " + value + "\n");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessageStartingWith("[limits] max_header_bytes must be a size from 1 byte to 2GiB-1");
    }

    @Test
    void rejectsZeroCounts() throws IOException {
        write("[limits]\nmax_parts = 0\n");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessage("[limits] max_parts must be a whole number 1-2147483647");
    }

    @Test
    void rejectsNonBooleanFlags() throws IOException {
        write("");

        assertThat(ConfigLoader.load(home, Map.of("TIPBRIDGE_MAILBOX_IDLE", "FALSE"))
                        .mailbox()
                        .idle())
                .isFalse();
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of("TIPBRIDGE_MAILBOX_IDLE", "yes")))
                .hasMessage("[mailbox] idle (from TIPBRIDGE_MAILBOX_IDLE) must be true or false");
    }

    @Test
    void passphraseEnvIsOptionalAndMustBeAVariableName() throws IOException {
        write("[keys]\npassphrase_env = \"TIPBRIDGE_PASSPHRASE\"\n");
        assertThat(ConfigLoader.load(home, Map.of()).keys().passphraseEnv()).contains("TIPBRIDGE_PASSPHRASE");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of("TIPBRIDGE_KEYS_PASSPHRASE_ENV", "not a name")))
                .hasMessageStartingWith("[keys] passphrase_env (from TIPBRIDGE_KEYS_PASSPHRASE_ENV) must be empty");
    }

    @Test
    void rejectsEqualPortsForEmbeddedMailbox() throws IOException {
        write("[mailbox]\nimap_port = 2525\n");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessage("[mailbox] smtp_port must differ from [mailbox] imap_port for the embedded mailbox");
    }

    @Test
    void rejectsControlCharactersAndEmptyRequiredValues() throws IOException {
        write("[mailbox]\nfolder = \"IN\\nBOX\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessage("[mailbox] folder must be a non-empty folder name");

        write("");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of("TIPBRIDGE_KEYS_BRIDGE_KEY", "")))
                .hasMessage("[keys] bridge_key (from TIPBRIDGE_KEYS_BRIDGE_KEY) must be a non-empty file path");
    }

    @Test
    void logFileIsOptional() throws IOException {
        write("");

        assertThat(ConfigLoader.load(home, Map.of()).log().file()).isEqualTo(Optional.empty());
    }

    @Test
    void socksProxyIsHostAndPort() throws IOException {
        write("[outbound]\nsocks_proxy = \"127.0.0.1:9050\"\n");
        assertThat(ConfigLoader.load(home, Map.of()).outbound().socksProxy())
                .contains(new OutboundConfig.HostPort("127.0.0.1", 9050));

        for (String bad : new String[] {"127.0.0.1", ":9050", "tor:0", "tor:70000", "tor:x"}) {
            write("[outbound]\nsocks_proxy = \"" + bad + "\"\n");
            assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                    .hasMessage("[outbound] socks_proxy must be empty or host:port, e.g. \"127.0.0.1:9050\"");
        }
    }

    @Test
    void outboundUserIsOptional() throws IOException {
        write("[outbound]\nsmtp_host = \"smtp.example.org\"\ntls = \"starttls\"\nuser = \"relay\"\n");

        OutboundConfig outbound = ConfigLoader.load(home, Map.of()).outbound();

        assertThat(outbound.configured()).isTrue();
        assertThat(outbound.user()).contains("relay");
        assertThat(outbound.passwordFile()).isEqualTo(home.resolve("secrets/outbound-password"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "smtp.example.org",
                "192.0.2.7",
                "128.0.0.1",
                "127.0.0.256",
                "127.0.0.1.example.org",
                "localhost.example.org",
                "::2",
                "onion",
                "relay.onion.example.org"
            })
    void refusesClearTextSmtpToARemoteRelay(String host) throws IOException {
        write("[outbound]\nsmtp_host = \"" + host + "\"\ntls = \"none\"\n");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("[outbound] tls must be starttls or implicit unless smtp_host is this machine or an .onion"
                        + " address: with none, anyone on the way (a Tor exit too) reads whom replies go to");
    }

    @Test
    void clearTextSmtpRefusalNamesTheVariableNeverTheHost() throws IOException {
        write("[outbound]\nsmtp_host = \"secret-relay.example.org\"\ntls = \"starttls\"\n");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of("TIPBRIDGE_OUTBOUND_TLS", "none")))
                .hasMessageStartingWith("[outbound] tls (from TIPBRIDGE_OUTBOUND_TLS) must be starttls or implicit")
                .hasMessageNotContaining("secret-relay");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "LocalHost",
                "127.0.0.1",
                "127.31.200.9",
                "::1",
                "[::1]",
                "vww6ybal4bd7szmgncyruucpgfkqahzddi37ktceo3ah7ngmcopnpyyd.onion",
                "smtp.Relay.ONION"
            })
    void allowsClearTextSmtpToThisMachineOrAnOnionAddress(String host) throws IOException {
        write("[outbound]\nsmtp_host = \"" + host + "\"\ntls = \"none\"\n");

        OutboundConfig outbound = ConfigLoader.load(home, Map.of()).outbound();

        assertThat(outbound.smtpHost()).isEqualTo(host);
        assertThat(outbound.tls()).isEqualTo(MailboxConfig.Tls.NONE);
    }

    @Test
    void retryMinimumMayNotExceedRetryMaximum() throws IOException {
        write("[outbound]\nretry_min_seconds = 600\nretry_max_seconds = 599\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("[outbound] retry_min_seconds must not be greater than [outbound] retry_max_seconds");

        write("[outbound]\nretry_min_seconds = 600\nretry_max_seconds = 600\n");
        assertThat(ConfigLoader.load(home, Map.of()).outbound().retryMax()).isEqualTo(Duration.ofMinutes(10));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tips @x",
                "t\u00efps@example.org",
                "a@b@c",
                "tips",
                "tips@",
                "@example.org",
                ".tips@example.org",
                "tips.@example.org",
                "tips@example..org",
                "tips@exa mple.org",
                "\\\"tips\\\"@example.org",
                "Tips <tips@example.org>",
                "tips@[192.0.2.7]"
            })
    void tipAddressMustBeAPlainAsciiAddressTheComposerAccepts(String address) throws IOException {
        write("[mailbox]\naddress = \"" + address + "\"\n");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("[mailbox] address must be an e-mail address such as tips@example.org");
    }

    @Test
    void tipAddressIsAtMost254Characters() throws IOException {
        String longest = "t".repeat(64) + "@" + "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(61);
        write("[mailbox]\naddress = \"" + longest + "\"\n");
        assertThat(ConfigLoader.load(home, Map.of()).mailbox().address()).hasSize(254);

        write("[mailbox]\naddress = \"x" + longest + "\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessage("[mailbox] address must be an e-mail address such as tips@example.org");
    }

    @Test
    void tipAddressAcceptsDotAtomsAndOnionDomains() throws IOException {
        write("[mailbox]\naddress = \"news.tips+desk@ONION_2.example-desk.onion\"\n");

        assertThat(ConfigLoader.load(home, Map.of()).mailbox().address())
                .isEqualTo("news.tips+desk@ONION_2.example-desk.onion");
    }

    @Test
    void acknowledgementsPerHourDefaultTo100AndAreBounded() throws IOException {
        write("");
        assertThat(ConfigLoader.load(home, Map.of()).acknowledgement().maxPerHour())
                .isEqualTo(100);
        assertThat(ConfigLoader.load(home, Map.of("TIPBRIDGE_ACKNOWLEDGEMENT_MAX_PER_HOUR", "100000"))
                        .acknowledgement()
                        .maxPerHour())
                .isEqualTo(100_000);

        for (String bad : new String[] {"0", "-1", "100001", "1.5", "\"many\""}) {
            write("[acknowledgement]\nmax_per_hour = " + bad + "\n");
            assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                    .hasMessage("[acknowledgement] max_per_hour must be a whole number 1-100000");
        }
    }

    @Test
    void acknowledgementTextMustHoldTheHandlePlaceholder() throws IOException {
        write("[acknowledgement]\ntext = \"Thank you.\"\n");

        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessage("[acknowledgement] text must be text containing {handle}, where the source's"
                        + " reference goes");
    }

    @Test
    void acknowledgementTextMaySpanLinesButHoldsNoOtherControlCharacters() throws IOException {
        write("[acknowledgement]\ntext = \"\"\"\nLine one.\n\tRef {handle}\n\"\"\"\n");
        AcknowledgementConfig ack = ConfigLoader.load(home, Map.of()).acknowledgement();
        assertThat(ack.textFor("amber-otter-7K4QX")).isEqualTo("Line one.\n\tRef amber-otter-7K4QX");

        write("[acknowledgement]\ntext = \"Ref {handle}\\u001b[31m\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessageStartingWith("[acknowledgement] text must be text containing {handle}");
    }

    @Test
    void signalIsOffUnlessASocketOrTcpAddressIsSet() throws IOException {
        write("");
        assertThat(ConfigLoader.load(home, Map.of()).signal().enabled()).isFalse();

        write("[signal]\nsocket = \"/run/signal-cli/socket\"\n");
        SignalConfig signal = ConfigLoader.load(home, Map.of()).signal();
        assertThat(signal.enabled()).isTrue();
        assertThat(signal.socket()).contains(Path.of("/run/signal-cli/socket"));
    }

    @Test
    void signalRefusesBothTransportsAndABadAccount() throws IOException {
        write("[signal]\nsocket = \"/run/signal-cli/socket\"\ntcp = \"127.0.0.1:7583\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessage("[signal] tcp must be empty when [signal] socket is set (use one of them)");

        write("[signal]\naccount = \"0049 151\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessage("[signal] account must be empty or the account's number, e.g. \"+254700000000\"");
    }

    @Test
    void signalGroupNoticeAndQuietAlarmAreOffByDefault() throws IOException {
        write("[signal]\nsocket = \"/run/signal-cli/socket\"\n");
        SignalConfig signal = ConfigLoader.load(home, Map.of()).signal();
        assertThat(signal.groupNotice()).isEmpty();
        assertThat(signal.quietAlarm()).isEmpty();

        write("[signal]\ngroup_notice = \"  Write to us directly.  \"\nalarm_quiet_hours = 36\n");
        signal = ConfigLoader.load(home, Map.of()).signal();
        assertThat(signal.groupNotice()).contains("Write to us directly.");
        assertThat(signal.quietAlarm()).contains(java.time.Duration.ofHours(36));
    }

    @Test
    void signalQuietAlarmRefusesNegativeHours() throws IOException {
        write("[signal]\nalarm_quiet_hours = -1\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessage("[signal] alarm_quiet_hours must be a number of hours 0-8760 (0: no alarm)");
        write("[signal]\ngroup_notice = \"a\\u0007b\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessage("[signal] group_notice must be text (empty: groups get no answer)");
    }

    @Test
    void retentionZeroDaysMeansNeverByThatRule() throws IOException {
        write("[retention]\nclosed_days = 0\nuntouched_days = 365\nwarn_days = 0\n");
        RetentionConfig retention = ConfigLoader.load(home, Map.of()).retention();
        assertThat(retention.closed()).isEmpty();
        assertThat(retention.untouched()).contains(Duration.ofDays(365));
        assertThat(retention.handleIdle()).contains(Duration.ofDays(90));
        assertThat(retention.warnBefore()).isZero();
    }

    @Test
    void retentionRefusesNegativeDaysNamingTheKey() throws IOException {
        write("[retention]\nhandle_idle_days = -3\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessage("[retention] handle_idle_days must be a number of days 0-36500 (0: never)");
        write("[retention]\nrun_minutes = 0\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessage("[retention] run_minutes must be a number of minutes 1-10080");
    }

    @Test
    void postgresqlStoreTakesUserAndPasswordFile() throws IOException {
        write("[store]\nurl = \"jdbc:postgresql://db.internal:5432/tips\"\nuser = \"tipbridge\"\n"
                + "password_file = \"secrets/db-password\"\n");
        StoreConfig store = ConfigLoader.load(home, Map.of()).store();
        assertThat(store.postgresql()).isTrue();
        assertThat(store.url()).isEqualTo("jdbc:postgresql://db.internal:5432/tips");
        assertThat(store.user()).contains("tipbridge");
        assertThat(store.passwordFile()).contains(home.resolve("secrets/db-password"));
    }

    @Test
    void clusterNodeNameIsCheckedAndFailoverBounded() throws IOException {
        write("[cluster]\nnode_name = \"node a\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessageStartingWith("[cluster] node_name must be empty or a node name");
        write("[cluster]\nnode_name = \"node-a\"\nfailover_seconds = 9\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessage("[cluster] failover_seconds must be a number of seconds 10-3600");
        write("[cluster]\nnode_name = \"node-a\"\nfailover_seconds = 12\n");
        ClusterConfig cluster = ConfigLoader.load(home, Map.of()).cluster();
        assertThat(cluster.nodeName()).contains("node-a");
        assertThat(cluster.failover()).isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void floodsDefaultToQuarantineAndTakeEnvironmentOverrides() throws IOException {
        write("[floods]\nsender_burst = 3\npolicy = \"drop\"\n");
        FloodsConfig floods = ConfigLoader.load(home, Map.of("TIPBRIDGE_FLOODS_CHANNEL_PER_HOUR", "420"))
                .floods();
        assertThat(floods).isEqualTo(new FloodsConfig(3, 120, 500, 420, FloodsConfig.Policy.DROP));
        write("");
        assertThat(ConfigLoader.load(home, Map.of()).floods().policy()).isEqualTo(FloodsConfig.Policy.QUARANTINE);
    }

    @Test
    void floodsRefuseASenderAllowedMoreThanItsChannel() throws IOException {
        write("[floods]\nsender_burst = 600\nchannel_burst = 500\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessage("[floods] sender_burst (600) must not be larger than channel_burst (500):"
                        + " one sender may not be allowed more than its whole channel");
        write("[floods]\nsender_per_hour = 120\nchannel_per_hour = 100\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessageStartingWith(
                        "[floods] sender_per_hour (120) must not be larger than channel_per_hour (100)");
        write("[floods]\nsender_burst = 500\nchannel_burst = 500\nsender_per_hour = 7\nchannel_per_hour = 7\n");
        assertThat(ConfigLoader.load(home, Map.of()).floods().senderBurst()).isEqualTo(500);
    }

    @Test
    void floodsRefuseZeroRatesAndUnknownPolicies() throws IOException {
        write("[floods]\nsender_burst = 0\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessage("[floods] sender_burst must be a whole number 1-1000000");
        write("[floods]\npolicy = \"ignore\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessageStartingWith("[floods] policy must be one of quarantine, drop");
        write("");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of("TIPBRIDGE_FLOODS_SENDER_PER_HOUR", "-1")))
                .hasMessageContaining("TIPBRIDGE_FLOODS_SENDER_PER_HOUR");
    }

    @Test
    void minimumFreeSpaceIsInMebibytesAndZeroTurnsItOff() throws IOException {
        write("[store]\nmin_free_mb = 0\n");
        assertThat(ConfigLoader.load(home, Map.of()).store().minFreeBytes()).isZero();
        assertThat(ConfigLoader.load(home, Map.of("TIPBRIDGE_STORE_MIN_FREE_MB", "64"))
                        .store()
                        .minFreeBytes())
                .isEqualTo(64L * 1024 * 1024);
        write("[store]\nmin_free_mb = -5\n");
        assertThatThrownBy(() -> ConfigLoader.load(home, Map.of()))
                .hasMessage("[store] min_free_mb must be a number of MiB 0-1048576 (0: off)");
    }

    private void write(String text) throws IOException {
        Files.writeString(home.resolve("tipbridge.toml"), text, StandardCharsets.UTF_8);
    }
}
