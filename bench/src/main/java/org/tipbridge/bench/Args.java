// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options of the benchmark runners. */
final class Args {
    private final Map<String, String> values;

    private Args(Map<String, String> values) {
        this.values = values;
    }

    static Args parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            values.put(args[i].substring(2), args[++i]);
        }
        return new Args(values);
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int number(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    /** The daemon's jar: {@code --jar}, else {@code bridge/target/tipbridge.jar} under the working directory. */
    Path jar() {
        Path jar = Path.of(text("jar", "bridge/target/tipbridge.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no daemon jar at " + jar + " (build it, or pass --jar)");
        }
        return jar;
    }

    /**
     * {@code --work}, else a new temporary directory; kept afterwards for inspection. It is made
     * traversable (0755) because the Dovecot mailbox's auth process runs as another user.
     */
    Path work(String prefix) throws IOException {
        Path dir = values.containsKey("work")
                ? Files.createDirectories(Path.of(values.get("work")).toAbsolutePath())
                : Files.createTempDirectory(prefix);
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }
}
