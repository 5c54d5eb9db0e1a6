// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tipbridge.bridge.outbox.TrustDecision;
import org.tipbridge.bridge.outbox.TrustRequest;
import org.tipbridge.bridge.store.Cases;
import org.tipbridge.bridge.store.OutboxStatus;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.OpenPgp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tipbridge signal}: an analyst's decisions about Signal conversations. {@code trust}
 * releases the replies and acknowledgements held because the source's safety number changed. The
 * CLI cannot talk to signal-cli (it never opens reply addresses), so the decision is sealed to the
 * bridge key with the entries, and the daemon applies it right before their next send. The safety
 * number is never taken from the command line (shell history, the process list).
 */
@Command(name = "signal", mixinStandardHelpOptions = true, description = "Decisions about Signal conversations.")
public final class SignalCommand {
    static final String LITERAL_REFUSED = "--safety-number takes only `-`: a number typed on the command line stays"
            + " in the shell history (a file, unsealed) and shows in the process list, so it was not used and is not"
            + " repeated here; remove it from your shell history. Run `tipbridge signal trust HANDLE --safety-number"
            + " -` and type or paste the number when asked (or give it on standard input)";
    static final String CHOOSE_ONE = "choose exactly one of --safety-number - (you compared the safety number with"
            + " the source another way; it is read from the terminal) or --unverified (accept whatever key the"
            + " source's account has now: if someone else took over the account, they get the replies)";

    @Command(
            name = "trust",
            mixinStandardHelpOptions = true,
            description = "Trust the changed Signal identity of the source of HANDLE and send again what waits for it"
                    + " (status needs-decision, reason safety-number-changed, safety-number-changed-again,"
                    + " safety-number-mismatch, trust-refused, trust-unsupported or decision-time-ahead). Give"
                    + " exactly one of --safety-number - or --unverified. The daemon applies the decision before"
                    + " its next send.")
    void trust(
            @Mixin HomeOption homeOption,
            @Parameters(paramLabel = "HANDLE", description = "The conversation, e.g. amber-otter-7K4QX.") String handle,
            @Option(
                            names = "--safety-number",
                            paramLabel = "-",
                            description = "Read the 60-digit safety number you compared with the source another way."
                                    + " Only `-` is accepted: a number on the command line would stay in the shell"
                                    + " history. With a terminal for both input and output it is read from the"
                                    + " terminal without echo (Enter ends it; spaces and line breaks of Signal's"
                                    + " grid allowed). Otherwise it is read from standard input, and if that is"
                                    + " still your terminal the digits SHOW as you type: when output is redirected"
                                    + " (e.g. `--json | jq`), pipe the number in instead, e.g. `< number.txt`, from"
                                    + " a file you then shred. signal-cli trusts the key only if it matches.")
                    String safetyNumber,
            @Option(
                            names = "--unverified",
                            description = "Accept whatever identity key the source's account has now, without"
                                    + " comparing safety numbers. WARNING: if someone else took over the account"
                                    + " (a stolen phone, a re-registered number), they get the replies. A key that"
                                    + " arrives after this decision is not trusted; you are asked again.")
                    boolean unverified,
            @Option(names = "--json", description = "Print the outcome as JSON.") boolean json) {
        checkChoice(safetyNumber, unverified);
        TipbridgeConfig config = homeOption.config();
        try (RecordStore store = RecordStore.open(config.store())) {
            if (store.findByHandle(handle).isEmpty()) {
                throw HandleArgument.noConversation(handle);
            }
            TrustDecision decision = unverified
                    ? new TrustDecision.AllKnownKeys(Instant.now())
                    : SafetyNumberInput.read(SafetyNumberInput.terminalOrStandardInput(), handle);
            byte[] sealed = seal(config, new TrustRequest(handle, decision));
            int released = store.outbox().releaseForTrust(handle, sealed, OutboxView.coarseNow(config.intake()));
            if (released == 0) {
                throw new CliFailure.Other("nothing to " + handle + " waits for a trust decision (no Signal reply or"
                        + " acknowledgement is needs-decision because of the safety number);"
                        + " `tipbridge outbox list` shows the outbox");
            }
            boolean verified = decision instanceof TrustDecision.VerifiedSafetyNumber;
            ConversationAudit.record(
                    store, handle, Cases.SIGNAL_TRUSTED, Optional.of(verified ? "safety-number" : "unverified"));
            print(handle, decision, released, json);
        }
    }

    /**
     * The request sealed to the bridge key. The safety number is not wiped from this process's memory
     * (it is held in {@code String}s); the process ends right after.
     */
    private static byte[] seal(TipbridgeConfig config, TrustRequest request) {
        return new ReplySealer(OpenPgp.create(), config.keys()).sealForBridge(request.encode());
    }

    /** Exactly one of {@code --safety-number -} and {@code --unverified}; digits on the command line are never used. */
    static void checkChoice(String safetyNumber, boolean unverified) {
        if (safetyNumber != null && !safetyNumber.equals("-")) {
            throw new CliFailure.Usage(LITERAL_REFUSED);
        }
        if ((safetyNumber != null) == unverified) {
            throw new CliFailure.Usage(CHOOSE_ONE);
        }
    }

    private static void print(String handle, TrustDecision decision, int released, boolean json) {
        Output out = new Output(System.out);
        boolean verified = decision instanceof TrustDecision.VerifiedSafetyNumber;
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("handle", handle);
            m.put("released", released);
            m.put("trust", verified ? "safety-number" : "unverified");
            m.put("status", OutboxStatus.QUEUED.wireName());
            out.json(m);
            return;
        }
        String what = released == 1 ? "1 Signal message" : released + " Signal messages";
        out.text("Released " + what + " to " + handle + ".");
        if (verified) {
            out.text("Before sending, the daemon makes signal-cli trust the source's key with the safety number you"
                    + " verified; if it does not match, the messages wait again (safety-number-mismatch).");
        } else {
            out.text("WARNING: before sending, the daemon makes signal-cli trust whatever identity key the source's"
                    + " account has now, unverified: if someone else took over the account, they get the messages."
                    + " If a newer key arrives first, the messages wait again (safety-number-changed-again).");
        }
        out.text("The daemon sends them on its next outbox run; `tipbridge outbox list` shows the outcome.");
    }
}
