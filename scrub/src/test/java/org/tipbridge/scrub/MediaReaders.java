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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** What exiftool and metadata-extractor, written by others, read from a file: all tag names and values as one text. */
final class MediaReaders {
    private static final Path EXIFTOOL = Path.of("/usr/bin/exiftool");

    private MediaReaders() {}

    /** exiftool -j -a -G1 on the file; the test is skipped where exiftool is not installed. */
    static String exiftool(byte[] file, String suffix) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(EXIFTOOL), "exiftool not installed");
        Path temp = Files.createTempFile("scrub", suffix);
        try {
            Files.write(temp, file);
            Process p = new ProcessBuilder(EXIFTOOL.toString(), "-j", "-a", "-G1", temp.toString())
                    .redirectErrorStream(true)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor(60, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.delete(temp);
        }
    }

    /** Every directory, tag name and description metadata-extractor finds (its errors included). */
    static String metadataExtractor(byte[] file) {
        StringBuilder all = new StringBuilder();
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(file), file.length);
            for (Directory d : metadata.getDirectories()) {
                all.append('[').append(d.getName()).append("]\n");
                for (Tag t : d.getTags()) {
                    all.append(t.getTagName())
                            .append(" = ")
                            .append(t.getDescription())
                            .append('\n');
                }
                d.getErrors().forEach(e -> all.append("error ").append(e).append('\n'));
            }
        } catch (Exception e) {
            all.append("unreadable ").append(e);
        }
        return all.toString();
    }
}
