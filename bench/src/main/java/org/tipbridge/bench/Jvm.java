// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The java launcher of this JVM, and what /proc says about other processes. */
final class Jvm {
    private static final long TICKS_PER_SECOND = 100;

    private Jvm() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** User + system CPU time of a process (and its reaped children), in milliseconds. */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Peak resident set size of a live process, in MiB, or -1. */
    static long peakRssMib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The 1-minute load average and the number of CPUs, e.g. {@code load 0.42 on 2 cpus}. */
    static String load() {
        try {
            String avg = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            return "load " + avg + " on " + Runtime.getRuntime().availableProcessors() + " cpus";
        } catch (IOException e) {
            return "load unknown";
        }
    }
}
