// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point of the jar: parses the verb, runs it, and maps failures to exit codes in one place. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // A stack trace printed by the JVM's default handler would carry exception messages,
        // which may hold data; the redacting log layout prints class names only.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) ->
                LoggerFactory.getLogger(Main.class).error("uncaught exception in thread {}", thread.getName(), e));
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new TipbridgeCommand());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> failure(cmd, e));
        cli.setParameterExceptionHandler((e, parsed) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("tipbridge: " + e.getMessage());
            err.println("Run `" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help` for usage.");
            return 2;
        });
        return cli.execute(args);
    }

    private static int failure(CommandLine cmd, Exception e) {
        PrintWriter err = cmd.getErr();
        if (e instanceof CliFailure f) {
            err.println("tipbridge: " + f.getMessage());
            return f.exitCode();
        }
        err.println("tipbridge: unexpected " + e.getClass().getSimpleName()
                + "; run again with TIPBRIDGE_LOG_LEVEL=debug and report the log (it holds no tip content)");
        return 1;
    }
}
