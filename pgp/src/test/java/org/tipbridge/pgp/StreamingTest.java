// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamingTest {
    private static final int MEGABYTES = 200;

    @Test
    void streams200MegabytesInBoundedMemory() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process probe = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                        StreamingProbe.class.getName(), Integer.toString(MEGABYTES))
                .redirectErrorStream(true)
                .start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();

        String[] fields = output.lines().reduce((a, b) -> b).orElseThrow().split(" ");
        assertThat(Long.parseLong(fields[0])).isEqualTo((long) MEGABYTES << 20);
        assertThat(fields[1]).as("plaintext out equals plaintext in").isEqualTo(fields[2]);
        System.out.println("encrypt+decrypt+verify pipeline throughput: " + fields[3] + " MB/s in a 64 MB heap");
    }
}
