// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Searches bytes for sender identifiers in every form they could leak in: as given, lower and
 * upper case, URL-encoded, quoted-printable and RFC 2047 Q-encoded, JSON-escaped, Base64 (at all
 * three byte alignments, so inside any Base64 stream, also across line breaks), and for key
 * fingerprints and key ids hex in both cases, gpg's grouped form and the raw bytes (also in Base64). Files are
 * streamed, so any size can be scanned.
 */
public final class LeakScanner {
    private final Set<Needle> plain = new LinkedHashSet<>();
    private final Set<Needle> base64 = new LinkedHashSet<>();
    private NeedleIndex allIndex;
    private NeedleIndex base64Index;

    /** An identifier and its text encodings (each also in lower and upper case) and Base64. */
    public LeakScanner identifier(String id) {
        for (String variant : IdentifierVariants.textual(id)) {
            for (String cased : List.of(variant, variant.toLowerCase(Locale.ROOT), variant.toUpperCase(Locale.ROOT))) {
                add(plain, id, cased.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
        for (String b64 : IdentifierVariants.base64(utf8)) {
            add(base64, id, b64.getBytes(StandardCharsets.US_ASCII));
        }
        return this;
    }

    /**
     * An OpenPGP fingerprint (hex): hex in both cases, grouped by four as gpg prints it, its raw
     * bytes, and the same for its key id (the last 8 bytes of a v4 fingerprint).
     */
    public LeakScanner fingerprint(String hex) {
        String fpr = hex.replace(" ", "");
        byte[] raw = HexFormat.of().parseHex(fpr);
        hexForms(fpr, raw);
        if (raw.length >= 16) {
            String keyId = fpr.substring(fpr.length() - 16);
            hexForms(keyId, HexFormat.of().parseHex(keyId));
        }
        return this;
    }

    private void hexForms(String hex, byte[] raw) {
        identifier(hex);
        identifier(IdentifierVariants.groupedByFour(hex));
        if (hex.length() == 40) {
            identifier(IdentifierVariants.groupedByFour(hex.substring(0, 20)) + "  "
                    + IdentifierVariants.groupedByFour(hex.substring(20)));
        }
        add(plain, hex + " (raw bytes)", raw);
        for (String b64 : IdentifierVariants.base64(raw)) {
            add(base64, hex + " (raw bytes, Base64)", b64.getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void add(Set<Needle> set, String label, byte[] bytes) {
        if (bytes.length > 0) {
            set.add(new Needle(label, bytes));
            allIndex = null;
            base64Index = null;
        }
    }

    /** Every (identifier, place) hit in the text. */
    public List<String> scanText(String where, String text) {
        return scan(where, text.getBytes(StandardCharsets.UTF_8));
    }

    public List<String> scan(String where, byte[] haystack) {
        try {
            return scan(where, new ByteArrayInputStream(haystack));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hits in a stream, read once. */
    public List<String> scan(String where, InputStream in) throws IOException {
        if (allIndex == null) {
            Set<Needle> all = new LinkedHashSet<>(plain);
            all.addAll(base64);
            allIndex = new NeedleIndex(all);
            base64Index = new NeedleIndex(base64);
        }
        Set<String> found = new LinkedHashSet<>();
        NeedleIndex.Search asIs = allIndex.search(found);
        NeedleIndex.Search joined = base64Index.search(found);
        byte[] buffer = new byte[256 * 1024];
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buffer[i];
                asIs.accept(b);
                if (b != '\r' && b != '\n') {
                    joined.accept(b);
                }
            }
        }
        return found.stream().map(label -> label + " in " + where).toList();
    }

    /** Scans every regular file under {@code dir}, byte-wise (databases, WAL files, blobs, logs). */
    public List<String> scanTree(Path dir) throws IOException {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(f))) {
                    hits.addAll(scan(dir.relativize(f).toString(), in));
                }
            }
        }
        return hits;
    }

    /** One byte sequence to find, and the identifier it stands for. */
    record Needle(String label, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Needle other && java.util.Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }
    }
}
