// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The Signal channel ({@code [signal]}): where the signal-cli daemon listens (a UNIX socket, or a
 * TCP address), the account it runs (when its daemon serves several), and its {@code --config}
 * directory (received attachments are in its {@code attachments/}).
 * Off when neither socket nor TCP address is set. {@code groupNotice}, when present, answers a
 * group once, on its first message (group messages are never stored); {@code quietAlarm}, when
 * present, is how long without any Signal message before {@code tipbridge status} raises an alarm.
 */
public record SignalConfig(
        Optional<Path> socket,
        Optional<OutboundConfig.HostPort> tcp,
        Optional<String> account,
        Path dataDir,
        Optional<String> groupNotice,
        Optional<Duration> quietAlarm) {

    public boolean enabled() {
        return socket.isPresent() || tcp.isPresent();
    }
}
