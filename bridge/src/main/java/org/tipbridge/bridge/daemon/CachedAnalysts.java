// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.function.Supplier;
import org.tipbridge.bridge.keys.AnalystDirectory;
import org.tipbridge.bridge.keys.KeyFileException;
import org.tipbridge.pgp.Certificate;

/** The analyst certificates, re-read when the directory changes (an analyst was added while running). */
final class CachedAnalysts implements Supplier<List<Certificate>> {
    private final Path dir;
    private final AnalystDirectory directory;
    private FileTime loadedAt = FileTime.fromMillis(Long.MIN_VALUE);
    private List<Certificate> certificates = List.of();

    CachedAnalysts(Path dir, AnalystDirectory directory) {
        this.dir = dir;
        this.directory = directory;
    }

    @Override
    public synchronized List<Certificate> get() {
        try {
            FileTime modified = Files.getLastModifiedTime(dir);
            if (!modified.equals(loadedAt)) {
                certificates = List.copyOf(directory.all());
                loadedAt = modified;
            }
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (KeyFileException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }
}
