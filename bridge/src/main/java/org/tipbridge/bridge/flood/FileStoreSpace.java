// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The usable space of the file stores holding the given directories (the least of them): for the
 * daemon the data directory, the blob directory and the temporary directory.
 */
public final class FileStoreSpace implements FreeSpace {
    private final List<Path> directories;

    public FileStoreSpace(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    @Override
    public long usableBytes() throws IOException {
        long least = Long.MAX_VALUE;
        for (Path dir : directories) {
            least = Math.min(least, Files.getFileStore(existing(dir)).getUsableSpace());
        }
        return least;
    }

    /** The directory, or its nearest existing parent (a blob directory PostgreSQL never created). */
    private static Path existing(Path dir) {
        Path at = dir.toAbsolutePath();
        while (!Files.exists(at) && at.getParent() != null) {
            at = at.getParent();
        }
        return at;
    }
}
