// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.log;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Makes sure a log file exists as a regular file readable and writable by its owner only (0600). */
final class OwnerOnlyFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFile() {}

    static void prepare(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean posix = Files.getFileStore(parent == null ? file : parent).supportsFileAttributeView("posix");
        try {
            Files.createFile(
                    file,
                    posix
                            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                            : new FileAttribute<?>[0]);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("log file is not a regular file: " + file);
            }
            if (posix) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        }
    }
}
