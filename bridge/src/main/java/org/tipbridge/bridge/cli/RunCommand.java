// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.IOException;
import org.tipbridge.bridge.daemon.Daemon;
import org.tipbridge.bridge.daemon.Home;
import org.tipbridge.bridge.keys.KeyFileException;
import org.tipbridge.bridge.log.LogSetup;
import org.tipbridge.conf.TipbridgeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tipbridge run}: the daemon, in the foreground, until SIGTERM or SIGINT. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the daemon in the foreground (SIGTERM/SIGINT stop it gracefully).")
public final class RunCommand implements Runnable {
    @Mixin
    HomeOption homeOption;

    @Override
    public void run() {
        Home home = homeOption.home();
        if (!home.exists()) {
            InitCommand.initialise(home, true);
            System.err.println("tipbridge: created a new home at " + home.dir() + " (quickstart analyst key in "
                    + home.quickstartDir() + ")");
        }
        TipbridgeConfig config = homeOption.config();
        LogSetup.configure(config.log().level(), config.log().file());
        GracefulStop stop = new GracefulStop().install();
        try {
            runUntilStopped(config, stop);
        } catch (KeyFileException e) {
            throw new CliFailure.Usage(e.getMessage());
        } catch (IOException e) {
            throw new CliFailure.Other(
                    "the daemon could not start: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stop.finished();
        }
    }

    private static void runUntilStopped(TipbridgeConfig config, GracefulStop stop)
            throws IOException, KeyFileException, InterruptedException {
        Daemon daemon = Daemon.start(config, System.getenv());
        try {
            System.err.println("tipbridge: running; stop with Ctrl-C or SIGTERM");
            stop.await();
        } finally {
            daemon.close();
        }
    }
}
