// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The usable space of the file stores holding the given directories (the least of them): for the
 * daemon the data directory, the blob directory and the temporary directory.
 */
public final class FileStoreSpace implements FreeSpace {
    private final List<Path> directories;
    /** Looked up once: finding a path's file store reads the whole mount table. */
    private List<FileStore> stores;

    public FileStoreSpace(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    @Override
    public synchronized long usableBytes() throws IOException {
        if (stores == null) {
            List<FileStore> found = new ArrayList<>();
            for (Path dir : directories) {
                found.add(Files.getFileStore(existing(dir)));
            }
            stores = List.copyOf(found);
        }
        long least = Long.MAX_VALUE;
        for (FileStore store : stores) {
            least = Math.min(least, store.getUsableSpace());
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
