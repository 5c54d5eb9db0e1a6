// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tipbridge.signal.Endpoint;

/** A home's Signal settings written into its configuration file, as the operator guide says. */
final class SignalHome {
    private SignalHome() {}

    /**
     * Points {@code [signal]} at a signal-cli socket and data directory; with {@code logFile}
     * non-empty, {@code [log] file} too (relative to the home).
     */
    static void configure(Path home, Endpoint.Unix socket, Path dataDir, String logFile) throws IOException {
        Path config = home.resolve("tipbridge.toml");
        String text = Files.readString(config);
        String configured = text.replace("socket = \"\"", "socket = \"" + socket.socket() + "\"")
                .replace("data_dir = \"/var/lib/signal-cli\"", "data_dir = \"" + dataDir + "\"")
                .replace("file = \"\"", "file = \"" + logFile + "\"");
        assertThat(configured).contains(socket.socket().toString()).contains(dataDir.toString());
        Files.writeString(config, configured);
    }

    /** The value after {@code label} on its line of {@code init}'s output (the quickstart key's paths). */
    static Path initOutput(String output, String label) {
        return Path.of(output.lines()
                .filter(l -> l.startsWith(label))
                .map(l -> l.substring(label.length()).strip())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + label + " in " + output)));
    }
}
