// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tipbridge.bridge.outbox.TrustDecision;
import org.tipbridge.bridge.outbox.TrustRequest;
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
 * bridge key with the entries, and the daemon applies it right before their next send.
 */
@Command(name = "signal", mixinStandardHelpOptions = true, description = "Decisions about Signal conversations.")
public final class SignalCommand {
    /** Most bytes read for {@code --safety-number -}: the digits, their spaces and a line end. */
    private static final int MAX_TYPED_BYTES = 256;

    @Command(
            name = "trust",
            mixinStandardHelpOptions = true,
            description = "Trust the changed Signal identity of the source of HANDLE and send again what waits for it"
                    + " (status needs-decision, reason safety-number-changed, safety-number-mismatch or"
                    + " trust-refused). The daemon applies the decision before its next send.")
    void trust(
            @Mixin HomeOption homeOption,
            @Parameters(paramLabel = "HANDLE", description = "The conversation, e.g. amber-otter-7K4QX.") String handle,
            @Option(
                            names = "--safety-number",
                            paramLabel = "DIGITS",
                            description = "The 60-digit safety number you compared with the source another way (spaces"
                                    + " allowed); signal-cli trusts the key only if it matches. - reads it from"
                                    + " standard input (keeps it out of the shell history). Without this option the"
                                    + " source's current key is accepted unverified.")
                    String safetyNumber,
            @Option(names = "--json", description = "Print the outcome as JSON.") boolean json) {
        TrustDecision decision = decision(safetyNumber);
        TipbridgeConfig config = homeOption.config();
        try (RecordStore store = RecordStore.open(config.store())) {
            if (store.findByHandle(handle).isEmpty()) {
                throw HandleArgument.noConversation(handle);
            }
            byte[] sealed = new ReplySealer(OpenPgp.create(), config.keys())
                    .sealForBridge(new TrustRequest(handle, decision).encode());
            int released = store.outbox().releaseForTrust(handle, sealed, OutboxView.coarseNow(config.intake()));
            if (released == 0) {
                throw new CliFailure.Other("nothing to " + handle + " waits for a trust decision (no Signal reply or"
                        + " acknowledgement is needs-decision because of the safety number);"
                        + " `tipbridge outbox list` shows the outbox");
            }
            print(handle, decision, released, json);
        }
    }

    /** The decision the option asks for; a malformed safety number is a usage error that does not repeat it. */
    private static TrustDecision decision(String safetyNumber) {
        if (safetyNumber == null) {
            return new TrustDecision.AllKnownKeys();
        }
        String typed = safetyNumber.equals("-") ? standardInput() : safetyNumber;
        return TrustDecision.safetyNumber(typed.strip())
                .orElseThrow(() -> new CliFailure.Usage("--safety-number must be the "
                        + TrustDecision.SAFETY_NUMBER_DIGITS
                        + " digits Signal shows for the conversation (spaces allowed, nothing else)"));
    }

    private static String standardInput() {
        try {
            InputStream in = System.in;
            byte[] bytes = in.readNBytes(MAX_TYPED_BYTES + 1);
            try {
                if (bytes.length > MAX_TYPED_BYTES) {
                    return "";
                }
                return new String(bytes, StandardCharsets.US_ASCII);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        } catch (IOException e) {
            throw new CliFailure.Other(
                    "cannot read standard input (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void print(String handle, TrustDecision decision, int released, boolean json) {
        Output out = new Output(System.out);
        boolean verified = decision instanceof TrustDecision.VerifiedSafetyNumber;
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("handle", handle);
            m.put("released", released);
            m.put("trust", verified ? "safety-number" : "all-known-keys");
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
            out.text("Before sending, the daemon makes signal-cli trust whatever identity key the source's account"
                    + " has now, unverified: if someone else holds the account, they get the messages. Compare the"
                    + " safety number with the source and use --safety-number to be sure.");
        }
        out.text("The daemon sends them on its next outbox run; `tipbridge outbox list` shows the outcome.");
    }
}
