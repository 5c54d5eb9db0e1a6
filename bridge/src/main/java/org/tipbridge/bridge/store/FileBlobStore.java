// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Blobs as files in one owner-only directory: {@code <id>} when finished, {@code <id>.partial}
 * while being written. Ids are 128 random bits in lowercase hex, never derived from content.
 */
public final class FileBlobStore implements BlobStore {

    static final String PARTIAL_SUFFIX = ".partial";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private final Path dir;
    private final SecureRandom rng;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /** Uses {@code dir} (created owner-only if missing; an existing one is tightened to 0700). */
    public FileBlobStore(Path dir) {
        this(dir, new SecureRandom());
    }

    public FileBlobStore(Path dir, SecureRandom rng) {
        this.dir = dir.toAbsolutePath();
        this.rng = rng;
        try {
            OwnerOnly.createOrTighten(this.dir);
        } catch (IOException e) {
            throw new StoreException("cannot prepare the blob directory", e);
        }
    }

    @Override
    public PendingBlob create() {
        String id = newId();
        Path partial = dir.resolve(id + PARTIAL_SUFFIX);
        inFlight.add(id);
        try {
            FileChannel channel = FileChannel.open(
                    partial,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    OwnerOnly.fileAttributes(dir));
            return new FilePendingBlob(id, partial, dir.resolve(id), channel, () -> inFlight.remove(id));
        } catch (IOException e) {
            inFlight.remove(id);
            throw new StoreException("cannot create a blob", e);
        }
    }

    @Override
    public InputStream open(String id) {
        try {
            return Files.newInputStream(pathOf(id));
        } catch (NoSuchFileException e) {
            throw new StoreException.BlobNotFound();
        } catch (IOException e) {
            throw new StoreException("cannot open a blob", e);
        }
    }

    @Override
    public void delete(String id) {
        try {
            if (Files.deleteIfExists(pathOf(id))) {
                OwnerOnly.fsyncDirectory(dir);
            }
        } catch (IOException e) {
            throw new StoreException("cannot delete a blob", e);
        }
    }

    @Override
    public int sweep(Set<String> referenced) {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (isLeftover(entry.getFileName().toString(), referenced) && Files.deleteIfExists(entry)) {
                    removed++;
                }
            }
            if (removed > 0) {
                OwnerOnly.fsyncDirectory(dir);
            }
        } catch (IOException e) {
            throw new StoreException("cannot sweep the blob directory", e);
        }
        return removed;
    }

    /** Finished and unreferenced, or unfinished and not being written by this process; other names are left alone. */
    private boolean isLeftover(String name, Set<String> referenced) {
        if (ID.matcher(name).matches()) {
            return !referenced.contains(name);
        }
        if (name.endsWith(PARTIAL_SUFFIX)) {
            String id = name.substring(0, name.length() - PARTIAL_SUFFIX.length());
            return ID.matcher(id).matches() && !inFlight.contains(id);
        }
        return false;
    }

    private Path pathOf(String id) {
        if (!ID.matcher(id).matches()) {
            throw new StoreException.BlobNotFound();
        }
        return dir.resolve(id);
    }

    private String newId() {
        byte[] bits = new byte[16];
        rng.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }
}
