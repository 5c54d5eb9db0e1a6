// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;

/**
 * Files an export writes: names made safe for any file system (letters, digits, space, dot, dash,
 * underscore, parentheses; no leading dot; at most 120 characters), always inside the export
 * directory, never over an existing file (a taken name gets {@code -2}, {@code -3}, ... before its
 * extension).
 */
final class ExportFiles {
    private static final int MAX_NAME = 120;

    private ExportFiles() {}

    static String safeName(String name, String fallback) {
        String flat = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFC)
                .replaceAll("[^\\p{L}\\p{N} ._()-]", "_")
                .replaceAll("^[. ]+", "")
                .strip();
        if (flat.length() > MAX_NAME) {
            int dot = flat.lastIndexOf('.');
            String ext = dot > 0 && flat.length() - dot <= 10 ? flat.substring(dot) : "";
            flat = flat.substring(0, MAX_NAME - ext.length()) + ext;
        }
        return flat.isEmpty() || flat.chars().allMatch(c -> c == '_' || c == '.') ? fallback : flat;
    }

    /** Creates a new file named {@code name} (or a numbered variant) in {@code dir}; never replaces one. */
    static Path createNew(Path dir, String name) throws IOException {
        Path target = dir.resolve(name).normalize();
        if (!target.getParent().equals(dir.normalize())) {
            throw new IOException("an export name left the export directory");
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 1; n < 10_000; n++) {
            Path candidate = dir.resolve(n == 1 ? name : stem + "-" + n + ext);
            try {
                Files.createFile(candidate);
                return candidate;
            } catch (FileAlreadyExistsException e) {
                // try the next number
            }
        }
        throw new IOException("no free file name for an export");
    }

    /** Writes text to a new file. */
    static Path writeText(Path dir, String name, String text) throws IOException {
        Path file = createNew(dir, name);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return file;
    }
}
