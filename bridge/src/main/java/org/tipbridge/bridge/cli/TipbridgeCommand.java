// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import picocli.CommandLine.Command;

/** The top-level command: lists the verbs. */
@Command(
        name = "tipbridge",
        mixinStandardHelpOptions = true,
        version = "tipbridge 0.1.0",
        description = "Anonymous tip intake: PGP mailbox to sealed, identifier-free records.",
        subcommands = {
            InitCommand.class,
            KeysCommand.class,
            AnalystsCommand.class,
            RunCommand.class,
            QueueCommand.class,
            QuarantineCommand.class,
            ConversationCommand.class,
            NoteCommand.class,
            ReplyCommand.class,
            OutboxCommand.class,
            SignalCommand.class,
            StatusCommand.class,
            AuditCommand.class,
            PurgeCommand.class,
            DemoCommand.class
        })
public final class TipbridgeCommand implements Runnable {
    @Override
    public void run() {
        throw new CliFailure.Usage("a verb is required; run `tipbridge --help` to list them");
    }
}
