// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/** Owner-only files and directories, written durably (fsync) and never overwritten by accident. */
public final class SecureFiles {
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final char[] PASSPHRASE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private SecureFiles() {}

    /** Creates {@code dir} (and missing parents) readable by the owner only. */
    public static Path privateDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, OWNER_DIR);
        }
        return dir;
    }

    /** Writes a new owner-only file and fsyncs it; fails if it exists. */
    public static void writeNew(Path file, byte[] content) throws IOException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        try (FileChannel ch =
                FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OWNER_FILE)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    public static void writeNew(Path file, String content) throws IOException {
        writeNew(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A random passphrase of {@code length} characters from a 32-letter alphabet (5 bits each). */
    public static char[] randomPassphrase(SecureRandom random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = PASSPHRASE_ALPHABET[random.nextInt(PASSPHRASE_ALPHABET.length)];
        }
        return out;
    }

    /** Reads a passphrase file, dropping one trailing newline; refuses files others can read. */
    public static char[] readSecret(Path file) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
            throw new IOException("secret file is readable by other users; run: chmod 600 " + file);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.toCharArray();
    }
}
