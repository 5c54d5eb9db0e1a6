// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the real gpg in batch mode with a throw-away home directory; fails (never skips) when gpg is missing. */
final class Gpg implements AutoCloseable {
    private final Path home;

    private Gpg(Path home) {
        this.home = home;
    }

    static Gpg start() throws IOException {
        requireInstalled();
        Path home = Files.createTempDirectory(Path.of("/tmp"), "gpg"); // short path: agent socket length limit
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return new Gpg(home);
    }

    private static void requireInstalled() {
        try {
            Process p = new ProcessBuilder("gpg", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                fail("gpg --version failed: install gnupg (apt-get install gnupg) to run the interop tests");
            }
        } catch (IOException e) {
            fail("gpg not found: install gnupg (apt-get install gnupg) to run the interop tests");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    /** Output of one gpg run. */
    record Result(int exitCode, byte[] stdout, String stderr) {
        String text() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    Result run(byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "gpg",
                "--batch",
                "--yes",
                "--no-tty",
                "--homedir",
                home.toString(),
                "--pinentry-mode",
                "loopback",
                "--trust-model",
                "always"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
        try (var in = process.getOutputStream()) {
            in.write(stdin);
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("gpg timed out: " + String.join(" ", args));
        }
        return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
    }

    /** Like {@link #run} but fails the test when gpg exits non-zero. */
    Result ok(byte[] stdin, String... args) throws IOException, InterruptedException {
        Result result = run(stdin, args);
        if (result.exitCode() != 0) {
            fail("gpg " + String.join(" ", args) + " failed: " + result.stderr());
        }
        return result;
    }

    Result ok(String... args) throws IOException, InterruptedException {
        return ok(new byte[0], args);
    }

    Path home() {
        return home;
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                in.transferTo(buffer);
                return buffer.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() throws IOException {
        Process kill = new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
                .redirectErrorStream(true)
                .start();
        kill.getInputStream().readAllBytes();
        try {
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
