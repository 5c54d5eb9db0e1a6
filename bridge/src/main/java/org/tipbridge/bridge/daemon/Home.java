// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The home directory layout: every file tipbridge reads or writes lives under it. */
public record Home(Path dir) {

    public static final String DEFAULT_DIR = "tipbridge-home";

    /** {@code --home}, else {@code $TIPBRIDGE_HOME}, else {@code ./tipbridge-home}. */
    public static Home resolve(Path option, Map<String, String> env) {
        if (option != null) {
            return new Home(option.toAbsolutePath().normalize());
        }
        String fromEnv = env.getOrDefault("TIPBRIDGE_HOME", "");
        Path dir = fromEnv.isBlank() ? Path.of(DEFAULT_DIR) : Path.of(fromEnv);
        return new Home(dir.toAbsolutePath().normalize());
    }

    public Path config() {
        return dir.resolve("tipbridge.toml");
    }

    public boolean exists() {
        return Files.isRegularFile(config());
    }

    public Path keysDir() {
        return dir.resolve("keys");
    }

    public Path bridgePublicKey() {
        return keysDir().resolve("bridge.pub.asc");
    }

    public Path secretsDir() {
        return dir.resolve("secrets");
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    /** Where {@code init} leaves the quickstart analyst key (to be moved to the analyst's machine). */
    public Path quickstartDir() {
        return dir.resolve("quickstart-analyst");
    }
}
