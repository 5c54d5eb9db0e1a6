// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real gpg in a private GNUPGHOME, for interop tests. Fails (never skips) when gpg is missing. */
public final class Gpg {
    private final Path home;

    public Gpg(Path home) throws IOException {
        this.home = Files.createDirectories(home);
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Files.writeString(home.resolve("gpg-agent.conf"), "allow-loopback-pinentry\n");
    }

    /** Makes a key with no passphrase: ed25519 + cv25519, or rsa3072 with an encryption subkey. */
    public String generate(String userId, boolean rsa) throws IOException {
        String algo = rsa ? "rsa3072" : "ed25519";
        run(null, "--quick-gen-key", userId, algo, "sign", "never");
        String fpr = fingerprint(userId);
        run(null, "--quick-add-key", fpr, rsa ? "rsa3072" : "cv25519", "encr", "never");
        return fpr;
    }

    public String fingerprint(String userId) throws IOException {
        String out = new String(run(null, "--with-colons", "--list-keys", userId), StandardCharsets.UTF_8);
        for (String line : out.split("\n")) {
            if (line.startsWith("fpr:")) {
                return line.split(":")[9];
            }
        }
        throw new IOException("gpg listed no fingerprint");
    }

    /** The fingerprints of the key and of every subkey of {@code userId}, upper-case hex. */
    public java.util.List<String> fingerprints(String userId) throws IOException {
        String out = new String(run(null, "--with-colons", "--list-keys", userId), StandardCharsets.UTF_8);
        return out.lines()
                .filter(l -> l.startsWith("fpr:"))
                .map(l -> l.split(":")[9])
                .toList();
    }

    public byte[] exportPublic(String id) throws IOException {
        return run(null, "--armor", "--export", id);
    }

    public byte[] exportSecret(String id) throws IOException {
        return run(null, "--armor", "--export-secret-keys", id);
    }

    public void importKey(byte[] armored) throws IOException {
        run(armored, "--import");
    }

    /** Encrypts (and signs, when {@code signer} is given) armored, trusting the recipient key as is. */
    public byte[] encrypt(byte[] plaintext, String recipient, String signer) throws IOException {
        List<String> args =
                new ArrayList<>(List.of("--armor", "--trust-model", "always", "--encrypt", "-r", recipient));
        if (signer != null) {
            args.addAll(List.of("--sign", "-u", signer));
        }
        return run(plaintext, args.toArray(String[]::new));
    }

    public byte[] decrypt(byte[] ciphertext) throws IOException {
        return run(ciphertext, "--decrypt");
    }

    public byte[] run(byte[] stdin, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                "gpg",
                "--batch",
                "--yes",
                "--quiet",
                "--no-tty",
                "--pinentry-mode",
                "loopback",
                "--passphrase",
                "",
                "--homedir",
                home.toString()));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new IOException("gpg is not installed: install gnupg (apt-get install gnupg)", e);
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("gpg timed out");
            }
            if (p.exitValue() != 0) {
                throw new IOException(
                        "gpg " + String.join(" ", args) + " failed: " + new String(err.join(), StandardCharsets.UTF_8));
            }
            return out.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static byte[] drain(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
