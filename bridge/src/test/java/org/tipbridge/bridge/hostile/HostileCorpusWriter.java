// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes every case of the corpus to a directory, for inspection and as fuzzing seeds: mail as
 * {@code <name>.eml}, Signal lines as {@code <name>.jsonl} (the line plus LF), and {@code INDEX.tsv}
 * (name, kind, expected outcome, bytes, file or "skipped"). Cases larger than {@code --max-bytes}
 * (default 16 MiB: the size-limit cases are hundreds of MiB) are listed but not written.
 *
 * <pre>
 * mvn -B -q -o -pl bridge -am test-compile -Dtipbridge.postgresql.skip=true
 * mvn -B -q -o -pl bridge exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.tipbridge.bridge.hostile.HostileCorpusWriter -Dexec.args="target/hostile-corpus"
 * </pre>
 */
public final class HostileCorpusWriter {
    private static final long DEFAULT_MAX = 16L << 20;

    private HostileCorpusWriter() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: HostileCorpusWriter DIR [--max-bytes N]");
            System.exit(2);
        }
        long max = args.length >= 3 && args[1].equals("--max-bytes") ? Long.parseLong(args[2]) : DEFAULT_MAX;
        List<String> index = write(Path.of(args[0]), max);
        System.out.println(index.size() + " cases listed in " + Path.of(args[0]).resolve("INDEX.tsv"));
    }

    /** Writes the corpus; returns the index lines. */
    static List<String> write(Path dir, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        List<String> index = new ArrayList<>();
        for (HostileCase c : HostileCorpus.all()) {
            long length = HostileCorpus.length(c);
            String file = c.name() + (c.kind() == HostileCase.Kind.MAIL ? ".eml" : ".jsonl");
            if (length > maxBytes) {
                file = "skipped";
            } else {
                writeOne(c, dir.resolve(file));
            }
            index.add(
                    String.join("\t", c.name(), c.kind().name(), describe(c.expected()), Long.toString(length), file));
        }
        try (PrintStream out =
                new PrintStream(Files.newOutputStream(dir.resolve("INDEX.tsv")), true, StandardCharsets.UTF_8)) {
            index.forEach(out::println);
        }
        return index;
    }

    private static void writeOne(HostileCase c, Path file) throws IOException {
        try (InputStream in = c.open();
                OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
            if (c.kind() == HostileCase.Kind.SIGNAL) {
                out.write('\n');
            }
        }
    }

    static String describe(Expected expected) {
        return switch (expected.verdict()) {
            case TIP -> expected.warnings().isEmpty() ? "tip" : "tip " + String.join("; ", expected.warnings());
            case QUARANTINE -> "quarantine " + expected.reason().orElse("");
            case IGNORED -> "ignored";
        };
    }
}
