// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@link Spool} as files in one owner-only directory: {@code <seq>.item}, written as
 * {@code <seq>.partial}, fsynced, renamed, and the directory fsynced. {@code seq} is a zero-padded
 * counter continuing after the highest id present (set-aside {@code <seq>.held} files included), so
 * ids sort in arrival order and are not reused while those files exist. Partial files
 * left by a crash were never acknowledged and are removed when the spool is opened.
 */
public final class FileSpool implements Spool {
    private static final String ITEM = ".item";
    private static final String PARTIAL = ".partial";
    private static final String HELD = ".held";
    private static final Pattern ID = Pattern.compile("[0-9]{19}");
    private final Path dir;
    private long next;

    private FileSpool(Path dir, long next) {
        this.dir = dir;
        this.next = next;
    }

    /** Opens (creating, 0700) the spool directory, removing partial files a crash left behind. */
    public static FileSpool open(Path dir) {
        try {
            OwnerOnly.createOrTighten(dir);
            long highest = -1;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (name.endsWith(PARTIAL)) {
                        Files.deleteIfExists(entry);
                    } else if ((name.endsWith(ITEM) || name.endsWith(HELD))
                            && ID.matcher(stem(name)).matches()) {
                        highest = Math.max(highest, Long.parseLong(stem(name)));
                    }
                }
            }
            OwnerOnly.fsyncDirectory(dir);
            return new FileSpool(dir, highest + 1);
        } catch (IOException e) {
            throw new StoreException("cannot open the spool", e);
        }
    }

    @Override
    public synchronized String put(byte[] sealed) {
        String id = String.format("%019d", next++);
        Path partial = dir.resolve(id + PARTIAL);
        try (FileChannel channel = FileChannel.open(
                partial,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                OwnerOnly.fileAttributes(dir))) {
            ByteBuffer buffer = ByteBuffer.wrap(sealed);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new StoreException("cannot write to the spool", e);
        }
        try {
            Files.move(partial, item(id), StandardCopyOption.ATOMIC_MOVE);
            OwnerOnly.fsyncDirectory(dir);
            return id;
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new StoreException("cannot finish a spool item", e);
        }
    }

    @Override
    public List<String> pending(int limit) {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + ITEM)) {
            for (Path entry : entries) {
                String stem = stem(entry.getFileName().toString());
                if (ID.matcher(stem).matches()) {
                    ids.add(stem);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot list the spool", e);
        }
        ids.sort(null);
        return ids.size() > limit ? List.copyOf(ids.subList(0, limit)) : ids;
    }

    @Override
    public byte[] read(String id) {
        try {
            return Files.readAllBytes(item(checked(id)));
        } catch (NoSuchFileException e) {
            throw new StoreException("no such spool item");
        } catch (IOException e) {
            throw new StoreException("cannot read a spool item", e);
        }
    }

    @Override
    public void setAside(String id) {
        try {
            Files.move(item(checked(id)), dir.resolve(id + HELD), StandardCopyOption.ATOMIC_MOVE);
            OwnerOnly.fsyncDirectory(dir);
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new StoreException("cannot set a spool item aside", e);
        }
    }

    @Override
    public void delete(String id) {
        try {
            if (Files.deleteIfExists(item(checked(id)))) {
                OwnerOnly.fsyncDirectory(dir);
            }
        } catch (IOException e) {
            throw new StoreException("cannot delete a spool item", e);
        }
    }

    /** Deletes {@code <seq>.held} files last modified before {@code olderThan}. */
    @Override
    public int deleteSetAside(Instant olderThan) {
        int deleted = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + HELD)) {
            for (Path entry : entries) {
                if (Files.getLastModifiedTime(entry).toInstant().isBefore(olderThan) && Files.deleteIfExists(entry)) {
                    deleted++;
                }
            }
            if (deleted > 0) {
                OwnerOnly.fsyncDirectory(dir);
            }
        } catch (IOException e) {
            throw new StoreException("cannot delete set-aside spool items", e);
        }
        return deleted;
    }

    @Override
    public Depth depth() {
        long pending = 0;
        long held = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                pending += name.endsWith(ITEM) ? 1 : 0;
                held += name.endsWith(HELD) ? 1 : 0;
            }
        } catch (IOException e) {
            throw new StoreException("cannot list the spool", e);
        }
        return new Depth(pending, held);
    }

    private Path item(String id) {
        return dir.resolve(id + ITEM);
    }

    /** Ids come from {@link #pending}; anything else (a path, say) is refused. */
    private static String checked(String id) {
        if (!ID.matcher(id).matches()) {
            throw new StoreException("not a spool item id");
        }
        return id;
    }

    private static String stem(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the next open removes it
        }
    }

    @Override
    public String toString() {
        return "FileSpool[" + dir + "]";
    }
}
