// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.SecretKey;
import picocli.CommandLine.Option;

/**
 * {@code --key FILE [--passphrase-file F]}: the analyst's secret key, unlocked locally. The
 * passphrase comes from the file, else {@code TIPBRIDGE_PASSPHRASE}, else a prompt without echo.
 */
public final class AnalystKeyOptions {
    @Option(
            names = "--key",
            paramLabel = "FILE",
            required = true,
            description = "Your armored secret key (e.g. from `gpg --export-secret-keys --armor`).")
    Path keyFile;

    @Option(names = "--passphrase-file", paramLabel = "F", description = "File holding the key's passphrase.")
    Path passphraseFile;

    public SecretKey unlock(OpenPgp pgp) {
        char[] passphrase = passphrase();
        try (InputStream in = Files.newInputStream(keyFile)) {
            return pgp.readSecretKey(in, passphrase);
        } catch (NoSuchFileException e) {
            throw new CliFailure.NotFound("no such key file: " + keyFile);
        } catch (IOException e) {
            throw new CliFailure.Other("cannot read the key file " + keyFile);
        } catch (PgpException e) {
            throw new CliFailure.CannotDecrypt("cannot unlock the key in " + keyFile
                    + ": wrong passphrase, or not a secret key (export it with `gpg --export-secret-keys --armor`)");
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private char[] passphrase() {
        if (passphraseFile != null) {
            try {
                String s = Files.readString(passphraseFile, StandardCharsets.UTF_8);
                return s.replaceFirst("\\r?\\n$", "").toCharArray();
            } catch (IOException e) {
                throw new CliFailure.NotFound("cannot read the passphrase file " + passphraseFile);
            }
        }
        String env = System.getenv("TIPBRIDGE_PASSPHRASE");
        if (env != null) {
            return env.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new CliFailure.Usage(
                    "no passphrase: pass --passphrase-file F or set TIPBRIDGE_PASSPHRASE (no terminal to ask on)");
        }
        char[] typed = console.readPassword("Passphrase for %s: ", keyFile);
        return typed == null ? new char[0] : typed;
    }
}
