// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipbridge.bridge.cli.CliHome.HANDLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.outbox.TrustDecision;
import org.tipbridge.bridge.outbox.TrustRequest;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.NewReply;
import org.tipbridge.bridge.store.OutboxItem;
import org.tipbridge.bridge.store.OutboxStatus;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.TrustHolds;
import org.tipbridge.bridge.testing.LeakScanner;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;

class SignalCommandTest {
    private static final String GROUPS = "05123 84937 12093 48576 10293 84756 56473 82910 19283 74650 11223 34455";
    private static final String DIGITS = GROUPS.replace(" ", "");

    @TempDir
    Path tmp;

    private CliHome home;

    @BeforeEach
    void setUp() throws Exception {
        home = CliHome.withOneTip(tmp, false);
    }

    @Test
    void unverifiedReleasesHeldEntriesWarnsAndSealsTheExactDecisionTime() throws Exception {
        long first = held(TrustHolds.SAFETY_NUMBER_CHANGED);
        long second = held(TrustHolds.SAFETY_NUMBER_CHANGED);
        long other = held("no-source-key");
        Instant before = Instant.now();

        Cli.Result r = Cli.expect(0, home.args("signal", "trust", HANDLE, "--unverified"));

        Instant after = Instant.now();
        assertThat(r.stdout())
                .startsWith("Released 2 Signal messages to " + HANDLE + ".\n")
                .contains("WARNING")
                .contains("whatever identity key the source's account has now, unverified")
                .contains("if someone else took over the account, they get the messages")
                .contains("sends them on its next outbox run");
        assertThat(status(first)).isEqualTo(OutboxStatus.QUEUED);
        assertThat(status(second)).isEqualTo(OutboxStatus.QUEUED);
        assertThat(status(other)).isEqualTo(OutboxStatus.NEEDS_DECISION);
        assertThat(openedRequests()).hasSize(2).allSatisfy(request -> {
            assertThat(request.handle()).isEqualTo(HANDLE);
            assertThat(request.decision())
                    .isInstanceOfSatisfying(
                            TrustDecision.AllKnownKeys.class,
                            d -> assertThat(d.decidedAt()).isBetween(before.truncatedTo(ChronoUnit.MILLIS), after));
        });
    }

    @Test
    void safetyNumberFromStandardInputIsSealedToTheBridgeAndNeverInClearInTheHome() throws Exception {
        long id = held(TrustHolds.SAFETY_NUMBER_CHANGED);

        Cli.Result r = withStandardInput(GROUPS + "\n", "signal", "trust", HANDLE, "--safety-number", "-");

        assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isZero();
        assertThat(r.stdout())
                .startsWith("Released 1 Signal message to " + HANDLE + ".\n")
                .contains("the safety number you verified");
        assertThat(r.stdout() + r.stderr()).doesNotContain(DIGITS).doesNotContain("84937");
        assertThat(new LeakScanner()
                        .identifier(DIGITS)
                        .identifier(GROUPS)
                        .identifier(DIGITS.substring(0, 30))
                        .scanTree(org.tipbridge.bridge.store.TestDatabases.dumpHome(home.dir)))
                .isEmpty();
        assertThat(status(id)).isEqualTo(OutboxStatus.QUEUED);
        assertThat(openedRequests())
                .singleElement()
                .satisfies(request ->
                        assertThat(request.decision()).isEqualTo(new TrustDecision.VerifiedSafetyNumber(DIGITS)));
    }

    @Test
    void safetyNumberPastedAsSignalsGridWithLineBreaksAndTabsIsAccepted() throws Exception {
        held(TrustHolds.SAFETY_NUMBER_MISMATCH);
        String grid = "05123\t84937 12093 48576\r\n10293 84756\t56473 82910\n\t19283 74650 11223 34455\n";

        Cli.Result r = withStandardInput(grid, "signal", "trust", HANDLE, "--safety-number", "-");

        assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isZero();
        assertThat(openedRequests())
                .singleElement()
                .satisfies(request ->
                        assertThat(request.decision()).isEqualTo(new TrustDecision.VerifiedSafetyNumber(DIGITS)));
    }

    @Test
    void enterEndsTheSafetyNumberWithoutWaitingForTheEndOfInput() {
        held(TrustHolds.SAFETY_NUMBER_CHANGED);
        byte[] line = (GROUPS + "\n").getBytes(StandardCharsets.US_ASCII);
        InputStream terminal = new InputStream() {
            private int next;

            @Override
            public int read() {
                if (next == line.length) {
                    throw new AssertionError("read past the line: only Ctrl-D would end this");
                }
                return line[next++];
            }
        };

        Cli.Result r = withStandardInput(terminal, "signal", "trust", HANDLE, "--safety-number", "-");

        assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isZero();
    }

    @Test
    void safetyNumberOnTheCommandLineExitsTwoSaysToUseDashAndNeverRepeatsIt() {
        long id = held(TrustHolds.SAFETY_NUMBER_CHANGED);
        List<List<String>> typed = List.of(
                List.of("--safety-number", DIGITS),
                List.of("--safety-number", GROUPS),
                List.of("--safety-number=" + DIGITS),
                List.of("--safety-number", DIGITS, "--unverified"),
                List.of("--safety-number", "84937x"));

        for (List<String> options : typed) {
            List<Object> args = new java.util.ArrayList<>(List.of("signal", "trust", HANDLE));
            args.addAll(options);
            Cli.Result r = withStandardInput(GROUPS + "\n", args.toArray());

            assertThat(r.exitCode()).as("exit code of %s", options.size()).isEqualTo(2);
            assertThat(r.stderr())
                    .contains("--safety-number takes only `-`")
                    .contains("shell history")
                    .contains("--safety-number -`");
            assertThat(r.stdout() + r.stderr()).doesNotContain("84937").doesNotContain("05123");
        }
        assertThat(status(id)).isEqualTo(OutboxStatus.NEEDS_DECISION);
        assertThat(openedRequests()).isEmpty();
    }

    @Test
    void neitherOrBothChoicesExitTwoNamingBoth() {
        long id = held(TrustHolds.SAFETY_NUMBER_CHANGED);

        Cli.Result neither = Cli.expect(2, home.args("signal", "trust", HANDLE));
        Cli.Result both =
                withStandardInput(GROUPS + "\n", "signal", "trust", HANDLE, "--safety-number", "-", "--unverified");

        assertThat(both.exitCode()).isEqualTo(2);
        for (Cli.Result r : List.of(neither, both)) {
            assertThat(r.stderr())
                    .contains("choose exactly one of --safety-number - ")
                    .contains("--unverified")
                    .contains("if someone else took over the account, they get the replies")
                    .doesNotContain("84937");
        }
        assertThat(status(id)).isEqualTo(OutboxStatus.NEEDS_DECISION);
        assertThat(openedRequests()).isEmpty();
    }

    @Test
    void nothingHeldExitsOneAndSaysSo() {
        long queued = queue();

        Cli.Result r = Cli.expect(1, home.args("signal", "trust", HANDLE, "--unverified"));

        assertThat(r.stderr())
                .contains("nothing to " + HANDLE + " waits for a trust decision")
                .contains("`tipbridge outbox list`");
        assertThat(status(queued)).isEqualTo(OutboxStatus.QUEUED);
        assertThat(openedRequests()).isEmpty();
    }

    @Test
    void malformedSafetyNumberOnStandardInputIsRefusedWithoutRepeatingIt() {
        long id = held(TrustHolds.SAFETY_NUMBER_CHANGED);
        List<String> bad = List.of(
                DIGITS.substring(1) + "\n",
                DIGITS + "7\n",
                DIGITS.substring(1) + "x\n",
                "-" + DIGITS + "\n",
                DIGITS.substring(0, 30) + "\n\n" + DIGITS.substring(30) + "\n",
                DIGITS.substring(0, 30),
                "\n",
                "",
                "1".repeat(SafetyNumberInput.MAX_CHARS * 2) + "\n");

        for (String typed : bad) {
            Cli.Result r = withStandardInput(typed, "signal", "trust", HANDLE, "--safety-number", "-");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.stderr()).contains("--safety-number must be the 60 digits");
            assertThat(r.stdout() + r.stderr()).doesNotContain("84937").doesNotContain("11111");
        }
        assertThat(status(id)).isEqualTo(OutboxStatus.NEEDS_DECISION);
    }

    @Test
    void unknownHandleExitsNotFoundLikeReply() {
        Cli.Result unknown = Cli.expect(3, home.args("signal", "trust", "brave-lynx-00000", "--unverified"));
        Cli.Result malformed = Cli.expect(3, home.args("signal", "trust", "\u001B[2Jnot-a-handle", "--unverified"));

        assertThat(unknown.stderr())
                .contains("no conversation brave-lynx-00000; `tipbridge queue list` shows the handles");
        assertThat(malformed.stderr())
                .contains("no conversation with that handle")
                .doesNotContain("\u001B");
    }

    @Test
    void jsonNamesHandleCountAndKindOfTrust() throws Exception {
        held(TrustHolds.SAFETY_NUMBER_CHANGED);
        held(TrustHolds.TRUST_REFUSED);

        Cli.Result r = withStandardInput(DIGITS + "\n", "signal", "trust", HANDLE, "--safety-number", "-", "--json");
        JsonNode json = new ObjectMapper().readTree(r.stdout());
        held(TrustHolds.SAFETY_NUMBER_CHANGED);
        JsonNode unverified = new ObjectMapper()
                .readTree(Cli.expect(0, home.args("signal", "trust", HANDLE, "--unverified", "--json"))
                        .stdout());

        assertThat(json.get("handle").asText()).isEqualTo(HANDLE);
        assertThat(json.get("released").asInt()).isEqualTo(2);
        assertThat(json.get("trust").asText()).isEqualTo("safety-number");
        assertThat(json.get("status").asText()).isEqualTo("queued");
        assertThat(json.toString()).doesNotContain(DIGITS);
        assertThat(unverified.get("released").asInt()).isEqualTo(1);
        assertThat(unverified.get("trust").asText()).isEqualTo("unverified");
    }

    @Test
    void outboxListAdvisesDashOrUnverifiedForEachTrustHoldAndNeverDigits() {
        long changed = held(TrustHolds.SAFETY_NUMBER_CHANGED);
        long mismatch = held(TrustHolds.SAFETY_NUMBER_MISMATCH);
        long refused = held(TrustHolds.TRUST_REFUSED);

        List<String> advice = Cli.expect(0, home.args("outbox", "list"))
                .stdout()
                .lines()
                .filter(l -> l.startsWith("Reply "))
                .toList();

        String verify = "`tipbridge signal trust " + HANDLE + " --safety-number -`";
        String unverified = "`tipbridge signal trust " + HANDLE + " --unverified`";
        assertThat(advice).hasSize(3).noneMatch(l -> l.contains("DIGITS"));
        assertThat(advice.get(0))
                .startsWith("Reply " + refused + " to " + HANDLE + " waits for a decision: signal-cli refused to trust")
                .contains(verify)
                .contains(unverified)
                .endsWith("`tipbridge outbox cancel " + refused + "`.");
        assertThat(advice.get(1))
                .contains("signal-cli refused the safety number given")
                .contains(verify)
                .doesNotContain("--unverified");
        assertThat(advice.get(2))
                .startsWith("Reply " + changed + " to " + HANDLE + " waits for a decision: the source's Signal safety"
                        + " number changed")
                .contains(verify + " (it asks for the number)")
                .contains("accept the new key unverified with " + unverified)
                .contains("if someone else took over the account, they get the reply")
                .endsWith("`tipbridge outbox cancel " + changed + "`.");
        assertThat(mismatch).isPositive();
    }

    @Test
    void outboxListSaysAKeyChangedAgainAfterTheDecisionMayBeATakeoverToVerifyOutOfBand() {
        long again = held(TrustHolds.SAFETY_NUMBER_CHANGED_AGAIN);

        String advice = adviceFor(again);

        assertThat(advice)
                .contains("changed again after your unverified decision")
                .contains("someone else took over the account")
                .contains("Verify with the source out of band")
                .contains("`tipbridge signal trust " + HANDLE + " --safety-number -`")
                .doesNotContain("--unverified");
    }

    @Test
    void outboxListAdvisesUpgradingSignalCliForUnsupportedTrustAndClockSyncForADecisionAhead() {
        long unsupported = held(TrustHolds.TRUST_UNSUPPORTED);
        long ahead = held(TrustHolds.DECISION_TIME_AHEAD);

        assertThat(adviceFor(unsupported)).contains("upgrade signal-cli").contains("signal trust " + HANDLE);
        assertThat(adviceFor(ahead))
                .contains("ahead of the server's clock")
                .contains("synchronise the clocks")
                .contains("signal trust " + HANDLE);
    }

    @Test
    void helpSaysToPipeTheNumberInWhenOutputIsRedirectedBecauseATerminalWouldEchoIt() {
        String help = Cli.expect(0, "signal", "trust", "--help").stdout().replaceAll("\\s+", " ");

        assertThat(help)
                .contains("when output is redirected (e.g. `--json | jq`), pipe the number in")
                .contains("the digits SHOW as you type")
                .contains("shred");
    }

    /** The line `outbox list` prints about entry {@code id}. */
    private String adviceFor(long id) {
        return Cli.expect(0, home.args("outbox", "list"))
                .stdout()
                .lines()
                .filter(l -> l.startsWith("Reply " + id + " "))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void helpNamesBothChoicesWarnsAboutUnverifiedAndSaysWhyNoDigitsOnTheCommandLine() {
        String help = Cli.expect(0, "signal", "trust", "--help").stdout().replaceAll("\\s+", " ");

        assertThat(help)
                .contains("--safety-number=-")
                .contains("--unverified")
                .contains("exactly one of --safety-number - or --unverified")
                .contains("WARNING: if someone else took over the account")
                .contains("without echo")
                .contains("standard input")
                .contains("shell history");
    }

    /** A Signal reply of {@link CliHome#HANDLE} queued as the CLI would, then held by the daemon for {@code reason}. */
    private long held(String reason) {
        long id = queue();
        try (RecordStore store = home.store()) {
            store.outbox().markSending(id, Instant.now());
            store.outbox().markNeedsDecision(id, reason, Instant.now());
        }
        return id;
    }

    private long queue() {
        byte[] opaque = "opaque sealed text".getBytes(StandardCharsets.US_ASCII);
        try (RecordStore store = home.store()) {
            return store.outbox()
                    .queueReply(new NewReply(HANDLE, Channel.SIGNAL, opaque, opaque, false, Instant.now()));
        }
    }

    private OutboxStatus status(long id) {
        try (RecordStore store = home.store()) {
            return store.outbox().get(id).orElseThrow().status();
        }
    }

    /** Every trust request of a due entry, opened with the bridge key. */
    private List<TrustRequest> openedRequests() {
        try (RecordStore store = home.store();
                SecretKey bridge = home.bridgeSecret()) {
            List<TrustRequest> out = new java.util.ArrayList<>();
            for (OutboxItem item : store.outbox().due(Instant.now(), 100)) {
                if (item.sealedTrust().isPresent()) {
                    out.add(open(item.sealedTrust().get(), bridge));
                }
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static TrustRequest open(byte[] sealed, SecretKey key) throws Exception {
        DecryptingStream plain =
                OpenPgp.create().decrypt(new ByteArrayInputStream(sealed), DecryptOptions.with(key, 1 << 16));
        byte[] bytes = plain.readAllBytes();
        plain.close();
        return TrustRequest.decode(new ByteArrayInputStream(bytes));
    }

    private Cli.Result withStandardInput(String input, Object... args) {
        return withStandardInput(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), args);
    }

    private Cli.Result withStandardInput(InputStream input, Object... args) {
        InputStream real = System.in;
        try {
            System.setIn(input);
            return Cli.run(home.args(args));
        } finally {
            System.setIn(real);
        }
    }
}
