// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code tipbridge run} from the real shaded jar, in its own JVM, reading an external mailbox. */
final class DaemonProcess implements AutoCloseable {
    private final Process process;

    private DaemonProcess(Process process) {
        this.process = process;
    }

    /**
     * Starts the daemon on {@code home} against the IMAP server at 127.0.0.1:{@code imapPort};
     * {@code env} adds configuration overrides, {@code jvmArgs} go before {@code -jar}. The
     * {@code [floods]} bursts are raised out of the way: throughput benchmarks send thousands of
     * tips from a few senders, which are not floods.
     */
    static DaemonProcess start(
            Path jar, Path home, int imapPort, Map<String, String> env, List<String> jvmArgs, Path log)
            throws IOException {
        Map<String, String> all = new HashMap<>();
        all.put("TIPBRIDGE_FLOODS_SENDER_BURST", "1000000");
        all.put("TIPBRIDGE_FLOODS_CHANNEL_BURST", "1000000");
        all.putAll(env);
        return startWithFloodLimits(jar, home, imapPort, all, jvmArgs, log);
    }

    /** Like {@link #start}, but with the {@code [floods]} limits of the home (defaults) unless {@code env} sets them. */
    static DaemonProcess startWithFloodLimits(
            Path jar, Path home, int imapPort, Map<String, String> env, List<String> jvmArgs, Path log)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Jvm.java()));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar.toString(), "run", "--home", home.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("TIPBRIDGE_"));
        pb.environment().put("TIPBRIDGE_MAILBOX_HOST", "127.0.0.1");
        pb.environment().put("TIPBRIDGE_MAILBOX_IMAP_PORT", Integer.toString(imapPort));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        return new DaemonProcess(process);
    }

    long pid() {
        return process.pid();
    }

    long cpuMillis() {
        return Jvm.cpuMillis(process.pid());
    }

    long peakRssMib() {
        return Jvm.peakRssMib(process.pid());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the daemon (SIGKILL), as a crash or the OOM killer would, and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Stops the daemon the way systemd does (SIGTERM), forcibly after 60 s. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
