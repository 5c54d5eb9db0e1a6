// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tipbridge.pgp.Certificate;

/**
 * The baseline an admin would script with procmail: per mail, {@code gpg --decrypt | gpg --encrypt}
 * to the two analysts, with the bridge key imported into a private GNUPGHOME and its passphrase
 * removed (so gpg-agent does no key derivation per message). Both sides skip compression, as the
 * daemon does.
 */
final class GpgBaseline {
    private static final String LOOP = String.join(
            "\n",
            "set -euo pipefail",
            "G=(gpg --batch --quiet --no-tty --pinentry-mode error --trust-model always)",
            "for f in \"$1\"/*.eml; do",
            "  \"${G[@]}\" --decrypt \"$f\" 2>/dev/null \\",
            "    | \"${G[@]}\" --compress-algo none --encrypt -r \"$3\" -r \"$4\" --yes -o \"$2/${f##*/}.gpg\"",
            "done");
    private final Path home;
    private final List<String> analysts;

    private GpgBaseline(Path home, List<String> analysts) {
        this.home = home;
        this.analysts = analysts;
    }

    static GpgBaseline prepare(Path home, BenchHome bench, List<Certificate> sources)
            throws IOException, InterruptedException {
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(home.resolve("gpg-agent.conf"), "allow-loopback-pinentry\n");
        GpgBaseline gpg = new GpgBaseline(
                home, bench.analysts().stream().map(c -> c.fingerprint().hex()).toList());
        String passphrase = bench.bridgePassphrase();
        gpg.run(
                null,
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                passphrase,
                "--import",
                bench.keys().bridgeKey().toString());
        gpg.run(
                passphrase + "\n\n\n",
                "--pinentry-mode",
                "loopback",
                "--command-fd",
                "0",
                "--passwd",
                bench.bridge().fingerprint().hex());
        List<Certificate> publics = new ArrayList<>(bench.analysts());
        publics.addAll(sources);
        Path certs = home.resolve("certs.asc");
        Files.writeString(
                certs,
                String.join("\n", publics.stream().map(Certificate::armored).toList()));
        gpg.run(null, "--import", certs.toString());
        return gpg;
    }

    /** Runs the shell loop over every {@code *.eml} in {@code mails}, writing sealed copies to {@code out}. */
    Duration loop(Path mails, Path out) throws IOException, InterruptedException {
        Files.createDirectories(out);
        long start = System.nanoTime();
        try {
            shell(LOOP, mails.toString(), out.toString(), analysts.get(0), analysts.get(1));
            return Duration.ofNanos(System.nanoTime() - start);
        } finally {
            shell("gpgconf --kill gpg-agent");
        }
    }

    private void shell(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", script, "gpg-loop"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("loop.log").toFile());
        pb.environment().put("GNUPGHOME", home.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        if (p.waitFor() != 0) {
            throw new IOException("gpg loop failed; see " + home.resolve("loop.log"));
        }
    }

    private void run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> cmd =
                new ArrayList<>(List.of("gpg", "--batch", "--quiet", "--no-tty", "--homedir", home.toString()));
        cmd.addAll(List.of(args));
        Path log = home.resolve("setup.log");
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("gpg " + args[args.length - 1] + " failed; see " + log);
        }
    }
}
