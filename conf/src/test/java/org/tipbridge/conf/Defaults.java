// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The documented defaults, written out independently of the template so the two check each other. */
final class Defaults {

    static final String ACK_TEXT = """
            Thank you. Your report has arrived and is stored encrypted, readable only by our analysts.

            Your reference is {handle}. Write to us again from the same address or number to add to
            your report; it will be filed under the same reference.

            An analyst may answer you here. If you think someone else reads your messages, delete this
            message and do not write again from there.""";

    private Defaults() {}

    static TipbridgeConfig config(Path home) {
        return new TipbridgeConfig(
                new MailboxConfig(
                        "",
                        2143,
                        2525,
                        MailboxConfig.Tls.NONE,
                        "tips@localhost",
                        home.resolve("secrets/mailbox-password"),
                        "INBOX",
                        "Quarantine",
                        "tips@localhost",
                        true,
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(300)),
                new IntakeConfig(true, Duration.ofHours(1)),
                new LimitsConfig(268_435_456L, 200, 12, 65_536, 100_000, 1_073_741_824L, 1000, 2_097_152),
                new KeysConfig(
                        home.resolve("keys/bridge.sec.asc"),
                        home.resolve("secrets/bridge-passphrase"),
                        Optional.empty(),
                        home.resolve("analysts"),
                        home.resolve("secrets/mapping.key")),
                new StoreConfig(
                        "jdbc:sqlite:" + home.resolve("data/tipbridge.db"),
                        home.resolve("data/blobs"),
                        Optional.empty(),
                        Optional.empty(),
                        256L * 1024 * 1024),
                new OutboundConfig(
                        "",
                        25,
                        MailboxConfig.Tls.NONE,
                        Optional.empty(),
                        home.resolve("secrets/outbound-password"),
                        Optional.empty(),
                        Optional.empty(),
                        OutboundConfig.NoKeyPolicy.REFUSE,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(3600),
                        Duration.ofHours(72),
                        Duration.ofSeconds(60)),
                new AcknowledgementConfig(true, false, Duration.ofHours(24), ACK_TEXT, 100, true),
                new SignalConfig(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Path.of("/var/lib/signal-cli"),
                        Optional.empty(),
                        Optional.empty()),
                new LogConfig("info", Optional.empty()),
                new RetentionConfig(
                        Optional.of(Duration.ofDays(30)),
                        Optional.of(Duration.ofDays(90)),
                        Optional.of(Duration.ofDays(90)),
                        Optional.of(Duration.ofDays(30)),
                        Duration.ofDays(7),
                        Duration.ofMinutes(60)),
                new ClusterConfig(Optional.empty(), Duration.ofSeconds(30)),
                new FloodsConfig(20, 120, 500, 6000, FloodsConfig.Policy.QUARANTINE));
    }
}
