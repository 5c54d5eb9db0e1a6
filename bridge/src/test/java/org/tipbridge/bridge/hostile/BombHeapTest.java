// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heap stays bounded under the bombs: {@link BombRun} takes every compression bomb, zip bomb
 * and far-over-the-limit case of the corpus (gigabytes if held whole) through the real mail
 * pipeline in a forked JVM capped at {@link #HEAP}, and must give each its expected outcome
 * without running out of memory.
 */
class BombHeapTest {
    /** Enough for the pipeline itself (store, crypto, the 32 MiB scrub allowance), far too little to hold a bomb. */
    static final String HEAP = "-Xmx128m";

    @TempDir
    Path tmp;

    @Test
    void bombsAndGiantMessagesRunInASmallHeap() throws IOException, InterruptedException {
        assertThat(BombRun.heavy()).hasSizeGreaterThanOrEqualTo(10);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(
                        java.toString(),
                        HEAP,
                        "-cp",
                        System.getProperty("java.class.path"),
                        BombRun.class.getName(),
                        tmp.toString()))
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("run.log").toFile())
                .start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String log = Files.readString(tmp.resolve("run.log"), StandardCharsets.UTF_8);
        String results = log.lines()
                .filter(l -> l.startsWith("ok ") || l.startsWith("WRONG ") || l.startsWith("out of"))
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(finished).as("finished within 5 minutes").isTrue();
        assertThat(process.exitValue()).as("exit value; results:\n%s", results).isZero();
        assertThat(results.lines().filter(l -> l.startsWith("ok "))).hasSameSizeAs(BombRun.heavy());
    }
}
