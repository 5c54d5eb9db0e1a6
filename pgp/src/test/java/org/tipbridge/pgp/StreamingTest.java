// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamingTest {
    private static final int MEGABYTES = 200;
    private static final int ARMORED_MEGABYTES = 40;

    @Test
    void streams200MegabytesInBoundedMemory() throws Exception {
        String throughput = probe(MEGABYTES, "binary", "64m");
        System.out.println("encrypt+decrypt+verify pipeline throughput: " + throughput + " MB/s in a 64 MB heap");
    }

    @Test
    void largeArmoredMessageStreams() throws Exception {
        // 40 MiB of plaintext is about 54 MiB of armor: more than the heap, so nothing may hold the message
        String throughput = probe(ARMORED_MEGABYTES, "armor", "32m");
        System.out.println(
                "armored encrypt+decrypt+verify pipeline throughput: " + throughput + " MB/s in a 32 MB heap");
    }

    private static String probe(int megabytes, String mode, String heap) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(
                        java,
                        "-Xmx" + heap,
                        "-cp",
                        System.getProperty("java.class.path"),
                        StreamingProbe.class.getName(),
                        Integer.toString(megabytes),
                        mode)
                .redirectErrorStream(true)
                .start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();

        String[] fields = output.lines().reduce((a, b) -> b).orElseThrow().split(" ");
        assertThat(Long.parseLong(fields[0])).isEqualTo((long) megabytes << 20);
        assertThat(fields[1]).as("plaintext out equals plaintext in").isEqualTo(fields[2]);
        return fields[3];
    }
}
