// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Owner-only files (0600) and directories (0700), and directory fsync, on POSIX file systems. */
final class OwnerOnly {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    /** Creates {@code dir} (and missing parents) as 0700 unless it exists; an existing one is left as it is. */
    static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (isPosix(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Creates {@code dir} (and missing parents) as 0700, or tightens an existing one to 0700. */
    static void createOrTighten(Path dir) throws IOException {
        createDirectory(dir);
        if (isPosix(dir) && !Files.getPosixFilePermissions(dir).equals(DIRECTORY)) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
    }

    /** Creates an empty 0600 file unless it exists; an existing file is tightened to 0600. */
    static void file(Path file) throws IOException {
        if (!isPosix(file.getParent())) {
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            return;
        }
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, FILE);
        } else {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        }
    }

    /** Tightens an existing file to 0600; a missing one is left missing. */
    static void tightenIfExists(Path file) throws IOException {
        if (Files.exists(file) && isPosix(file.getParent())) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /** The attributes that make a new file in {@code dir} owner-only. */
    static FileAttribute<?>[] fileAttributes(Path dir) {
        return isPosix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
    }

    /** Makes a rename or unlink in {@code dir} durable. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
