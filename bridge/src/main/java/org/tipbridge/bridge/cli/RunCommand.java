// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.tipbridge.bridge.daemon.Daemon;
import org.tipbridge.bridge.daemon.Home;
import org.tipbridge.bridge.keys.KeyFileException;
import org.tipbridge.bridge.log.LogSetup;
import org.tipbridge.conf.TipbridgeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sun.misc.Signal;

/** {@code tipbridge run}: the daemon, in the foreground, until SIGTERM or SIGINT. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the daemon in the foreground (SIGTERM/SIGINT stop it gracefully).")
public final class RunCommand implements Runnable {
    @Mixin
    HomeOption homeOption;

    @Override
    public void run() {
        Home home = homeOption.home();
        if (!home.exists()) {
            InitCommand.initialise(home, true);
            System.err.println("tipbridge: created a new home at " + home.dir()
                    + " (quickstart analyst key in " + home.quickstartDir() + ")");
        }
        TipbridgeConfig config = homeOption.config();
        LogSetup.configure(config.log().level(), config.log().file());
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        try (Daemon daemon = Daemon.start(config, System.getenv())) {
            System.err.println("tipbridge: running; stop with Ctrl-C or SIGTERM");
            stop.await();
        } catch (KeyFileException e) {
            throw new CliFailure.Usage(e.getMessage());
        } catch (IOException e) {
            throw new CliFailure.Other("the daemon could not start: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
