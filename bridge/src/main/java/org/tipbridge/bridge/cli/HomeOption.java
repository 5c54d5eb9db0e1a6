// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.nio.file.Path;
import org.tipbridge.bridge.daemon.Home;
import org.tipbridge.conf.ConfigException;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.TipbridgeConfig;
import picocli.CommandLine.Option;

/** The {@code --home} option every verb takes, and loading the configuration it points to. */
public final class HomeOption {
    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "Home directory (default: $TIPBRIDGE_HOME, else ./tipbridge-home).")
    Path dir;

    public Home home() {
        return Home.resolve(dir, System.getenv());
    }

    /** The validated configuration of an existing home. */
    public TipbridgeConfig config() {
        Home home = home();
        if (!home.exists()) {
            throw new CliFailure.NotFound("no tipbridge home at " + home.dir()
                    + "; create one with `tipbridge init --home " + home.dir() + "`");
        }
        try {
            return ConfigLoader.load(home.dir(), System.getenv());
        } catch (ConfigException e) {
            throw new CliFailure.Usage(e.getMessage());
        }
    }
}
