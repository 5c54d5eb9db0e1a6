// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Reads and writes a small owner-only secrets file; refuses files readable by group or others. */
final class SecretsFile {

    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.complementOf(EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));

    private SecretsFile() {}

    /** Writes {@code content} to a new 0600 file (parent created 0700 if missing), fsynced; never overwrites. */
    static void create(Path file, byte[] content) {
        Path absolute = file.toAbsolutePath();
        try {
            createParent(absolute.getParent());
            try (FileChannel channel = FileChannel.open(
                    absolute,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            try (FileChannel dir = FileChannel.open(absolute.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        } catch (FileAlreadyExistsException e) {
            throw new HandleException.SecretsUnusable("refusing to overwrite the existing mapping secrets " + file);
        } catch (IOException e) {
            throw new HandleException.SecretsUnusable("cannot write the mapping secrets " + file, e);
        }
    }

    /** Reads the file after checking that only its owner can read it. */
    static byte[] read(Path file, int maxBytes) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(TOO_OPEN::contains)) {
                throw new HandleException.SecretsUnusable(
                        "the mapping secrets " + file + " can be accessed by other users; run: chmod 600 " + file);
            }
            if (Files.size(file) > maxBytes) {
                throw new HandleException.SecretsUnusable("the mapping secrets " + file + " are malformed");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new HandleException.SecretsUnusable("the mapping secrets " + file + " do not exist", e);
        } catch (IOException e) {
            throw new HandleException.SecretsUnusable("cannot read the mapping secrets " + file, e);
        }
    }

    private static void createParent(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(
                    parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }
}
