// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tipbridge.bridge.keys.AnalystDirectory;
import org.tipbridge.bridge.keys.KeyFileException;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.OpenPgp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tipbridge analysts}: the certificates every record is sealed to. */
@Command(name = "analysts", mixinStandardHelpOptions = true, description = "Manage analyst certificates.")
public final class AnalystsCommand {

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Add an analyst's armored public certificate (e.g. from `gpg --export --armor`).")
    void add(@Mixin HomeOption homeOption, @Parameters(paramLabel = "FILE") Path file) {
        TipbridgeConfig config = homeOption.config();
        try {
            List<Certificate> added = directory(config).add(Files.readAllBytes(file));
            Output out = new Output(System.out);
            for (Certificate cert : added) {
                out.text("Added analyst " + cert.fingerprint() + " " + String.join(", ", cert.userIds()));
            }
            out.text("New records are sealed to this analyst from now on (a running daemon picks it up).");
        } catch (NoSuchFileException e) {
            throw new CliFailure.NotFound("no such file: " + file);
        } catch (IOException e) {
            throw new CliFailure.Other(
                    "cannot read or store the certificate: " + e.getClass().getSimpleName());
        } catch (KeyFileException e) {
            throw new CliFailure.Usage(e.getMessage());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List analyst certificates.")
    void list(@Mixin HomeOption homeOption, @Option(names = "--json") boolean json) {
        TipbridgeConfig config = homeOption.config();
        try {
            List<Certificate> all = directory(config).all();
            Output out = new Output(System.out);
            if (json) {
                out.json(all.stream().map(AnalystsCommand::row).toList());
            } else if (all.isEmpty()) {
                out.text("No analysts. Add one with `tipbridge analysts add --home DIR FILE`.");
            } else {
                all.forEach(c -> out.text(c.fingerprint() + "  " + String.join(", ", c.userIds())));
            }
        } catch (IOException e) {
            throw new CliFailure.Other(
                    "cannot read the analysts directory: " + e.getClass().getSimpleName());
        } catch (KeyFileException e) {
            throw new CliFailure.Other(e.getMessage());
        }
    }

    private static Map<String, Object> row(Certificate c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fingerprint", c.fingerprint().hex());
        m.put("userIds", c.userIds());
        m.put("canEncrypt", c.canEncrypt());
        return m;
    }

    private static AnalystDirectory directory(TipbridgeConfig config) {
        return new AnalystDirectory(config.keys().analystsDir(), OpenPgp.create());
    }
}
