// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.IOException;
import java.security.SecureRandom;
import org.tipbridge.bridge.daemon.Home;
import org.tipbridge.bridge.daemon.HomeExistsException;
import org.tipbridge.bridge.daemon.HomeInitializer;
import org.tipbridge.bridge.keys.KeyFileException;
import org.tipbridge.conf.ConfigException;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tipbridge init}: creates a new home directory; never overwrites one. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = "Create a new home directory with keys and secrets.")
public final class InitCommand implements Runnable {
    @Mixin
    HomeOption homeOption;

    @Option(names = "--no-analyst-key", description = "Do not create the quickstart analyst key pair.")
    boolean noAnalystKey;

    @Override
    public void run() {
        Output out = new Output(System.out);
        HomeInitializer.Result result = initialise(homeOption.home(), !noAnalystKey);
        out.text("Created " + homeOption.home().dir());
        out.text("Bridge key fingerprint: " + result.bridge().fingerprint()
                + " (publish it with `tipbridge keys bridge-public`)");
        if (result.analystKey().isPresent()) {
            out.text("Quickstart analyst key: " + result.analystKey().get());
            out.text("Its passphrase:         " + result.analystPassphrase().orElseThrow());
            out.text("Move both to the analyst's own machine and delete them here; the server never needs them.");
        } else {
            out.text("No analyst yet: add one with `tipbridge analysts add --home DIR FILE` before `tipbridge run`.");
        }
    }

    static HomeInitializer.Result initialise(Home home, boolean withAnalystKey) {
        try {
            return new HomeInitializer(OpenPgp.create(), new SecureRandom(), System.getenv())
                    .create(home, withAnalystKey);
        } catch (HomeExistsException | ConfigException e) {
            // A refused setting (e.g. a TIPBRIDGE_* override) names the setting and the rule.
            throw new CliFailure.Usage(e.getMessage());
        } catch (IOException | PgpException | KeyFileException e) {
            throw new CliFailure.Other("init failed (" + e.getClass().getSimpleName() + "): " + e.getMessage());
        }
    }
}
