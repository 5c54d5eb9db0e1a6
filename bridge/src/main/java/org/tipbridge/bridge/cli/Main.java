// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

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
        QueueCommand.parseTagEditsAsArguments(cli);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> failure(cmd, e));
        cli.setParameterExceptionHandler((e, parsed) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("tipbridge: " + usageMessage(e));
            err.println("Run `" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help` for usage.");
            return 2;
        });
        return cli.execute(args);
    }

    /** Picocli quotes stray arguments; they may be a reply's text typed without --message, so they are not repeated. */
    private static String usageMessage(ParameterException e) {
        boolean topLevel = e.getCommandLine().getParent() == null;
        if (e instanceof UnmatchedArgumentException u
                && topLevel
                && !u.getUnmatched().isEmpty()) {
            // Before any verb: the first word is a mistyped verb, not text.
            return "no verb " + Output.sanitise(u.getUnmatched().get(0)) + "; run `tipbridge --help` to list them";
        }
        if (e instanceof UnmatchedArgumentException u
                && u.getUnmatched().stream().anyMatch(arg -> !arg.startsWith("-"))) {
            return "unexpected arguments (not repeated here, in case they hold text); give a reply's text as one"
                    + " quoted argument after --message";
        }
        return Output.sanitise(e.getMessage());
    }

    private static int failure(CommandLine cmd, Exception e) {
        PrintWriter err = cmd.getErr();
        if (e instanceof CliFailure f) {
            err.println("tipbridge: " + Output.sanitise(f.getMessage()));
            return f.exitCode();
        }
        err.println("tipbridge: unexpected " + e.getClass().getSimpleName()
                + "; run again with TIPBRIDGE_LOG_LEVEL=debug and report the log (it holds no tip content)");
        return 1;
    }
}
