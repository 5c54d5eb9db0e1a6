// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.Tag;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Readers written by others, asked what metadata a file still has: metadata-extractor and exiftool. */
final class IndependentReaders {
    private IndependentReaders() {}

    /** Every directory and tag metadata-extractor finds, as "Directory: Tag = description" lines. */
    static List<String> metadataExtractor(byte[] file) throws Exception {
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(file));
        List<String> lines = new ArrayList<>();
        for (Directory directory : metadata.getDirectories()) {
            lines.add(directory.getName() + ":");
            for (Tag tag : directory.getTags()) {
                lines.add(directory.getName() + ": " + tag.getTagName() + " = " + tag.getDescription());
            }
        }
        return lines;
    }

    static boolean exiftoolAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "exiftool"))) {
                return true;
            }
        }
        return false;
    }

    /** exiftool's JSON ({@code -j -a -G1}) for the file: every tag, duplicates too, with its group. */
    static String exiftool(byte[] file, String suffix) throws IOException, InterruptedException {
        Path path = Files.createTempFile("scrub-", suffix);
        try {
            Files.write(path, file);
            Process process = new ProcessBuilder("exiftool", "-j", "-a", "-G1", "-u", path.toString())
                    .redirectErrorStream(true)
                    .start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("exiftool did not finish");
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(path);
        }
    }
}
