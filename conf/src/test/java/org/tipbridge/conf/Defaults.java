// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The documented defaults, written out independently of the template so the two check each other. */
final class Defaults {

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
                new StoreConfig("jdbc:sqlite:" + home.resolve("data/tipbridge.db"), home.resolve("data/blobs")),
                new LogConfig("info", Optional.empty()));
    }
}
