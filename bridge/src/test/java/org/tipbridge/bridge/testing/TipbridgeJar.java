// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real shaded jar as a separate process, as an operator or analyst would. */
public final class TipbridgeJar {
    private final Path jar;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();

    public TipbridgeJar() {
        String prop = System.getProperty("tipbridge.jar", "target/tipbridge.jar");
        this.jar = Path.of(prop).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the jar first (mvn package): missing " + jar);
        }
    }

    public TipbridgeJar env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /**
     * JVM options for every process this jar starts (daemon and CLI), after the default
     * {@code -Xmx256m}, so a later {@code -Xmx} wins; e.g. {@code -XX:+ExitOnOutOfMemoryError},
     * {@code -Djava.io.tmpdir=DIR}.
     */
    public TipbridgeJar jvmOptions(String... options) {
        jvmOptions.addAll(List.of(options));
        return this;
    }

    /** The outcome of one CLI invocation. */
    public record Result(int exitCode, String stdout, String stderr) {}

    public Result run(String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = builder(args);
        Path out = Files.createTempFile("tipbridge-out", ".txt");
        Path err = Files.createTempFile("tipbridge-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tipbridge " + String.join(" ", args) + " timed out");
        }
        Result r = new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /** Starts {@code run} in the background; stderr (the log) goes to {@code log}. */
    public Process start(Path log, String... args) throws IOException {
        ProcessBuilder pb = builder(args);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    private ProcessBuilder builder(String... args) {
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("TIPBRIDGE_"));
        pb.environment().putAll(env);
        return pb;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
