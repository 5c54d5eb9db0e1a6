// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.testing;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Searches bytes for sender identifiers in the forms they could leak in (case, URL, Base64). */
public final class LeakScanner {
    private final Set<String> needles = new LinkedHashSet<>();

    public LeakScanner identifier(String id) {
        needles.add(id);
        needles.add(id.toLowerCase(Locale.ROOT));
        needles.add(id.toUpperCase(Locale.ROOT));
        needles.add(URLEncoder.encode(id, StandardCharsets.UTF_8));
        needles.add(id.replace("@", "=40"));
        if (id.length() >= 6) {
            needles.add(Base64.getEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8)));
        }
        return this;
    }

    /** Every (needle, place) hit in the text. */
    public List<String> scanText(String where, String text) {
        return scan(where, text.getBytes(StandardCharsets.UTF_8));
    }

    public List<String> scan(String where, byte[] haystack) {
        List<String> hits = new ArrayList<>();
        String latin = new String(haystack, StandardCharsets.ISO_8859_1);
        for (String needle : needles) {
            if (latin.contains(new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                hits.add(needle + " in " + where);
            }
        }
        return hits;
    }

    /** Scans every regular file under {@code dir}, byte-wise (databases, WAL files, blobs, logs). */
    public List<String> scanTree(Path dir) throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                hits.addAll(scan(dir.relativize(f).toString(), Files.readAllBytes(f)));
            }
        }
        return hits;
    }
}
