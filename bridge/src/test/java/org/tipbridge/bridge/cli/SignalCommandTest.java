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
    void trustWithoutSafetyNumberReleasesHeldEntriesAndSaysTheKeyIsUnverified() throws Exception {
        long first = held(TrustHolds.SAFETY_NUMBER_CHANGED);
        long second = held(TrustHolds.SAFETY_NUMBER_CHANGED);
        long other = held("no-source-key");

        Cli.Result r = Cli.expect(0, home.args("signal", "trust", HANDLE));

        assertThat(r.stdout())
                .startsWith("Released 2 Signal messages to " + HANDLE + ".\n")
                .contains("whatever identity key the source's account has now, unverified")
                .contains("sends them on its next outbox run");
        assertThat(status(first)).isEqualTo(OutboxStatus.QUEUED);
        assertThat(status(second)).isEqualTo(OutboxStatus.QUEUED);
        assertThat(status(other)).isEqualTo(OutboxStatus.NEEDS_DECISION);
        assertThat(openedRequests()).hasSize(2).allSatisfy(request -> {
            assertThat(request.handle()).isEqualTo(HANDLE);
            assertThat(request.decision()).isEqualTo(new TrustDecision.AllKnownKeys());
        });
    }

    @Test
    void safetyNumberIsSealedToTheBridgeAndNeverInClearInTheHome() throws Exception {
        long id = held(TrustHolds.SAFETY_NUMBER_CHANGED);

        Cli.Result r = Cli.expect(0, home.args("signal", "trust", HANDLE, "--safety-number", GROUPS));

        assertThat(r.stdout())
                .startsWith("Released 1 Signal message to " + HANDLE + ".\n")
                .contains("the safety number you verified");
        assertThat(r.stdout() + r.stderr()).doesNotContain(DIGITS).doesNotContain("84937");
        assertThat(new LeakScanner()
                        .identifier(DIGITS)
                        .identifier(GROUPS)
                        .identifier(DIGITS.substring(0, 30))
                        .scanTree(home.dir))
                .isEmpty();
        assertThat(status(id)).isEqualTo(OutboxStatus.QUEUED);
        assertThat(openedRequests())
                .singleElement()
                .satisfies(request ->
                        assertThat(request.decision()).isEqualTo(new TrustDecision.VerifiedSafetyNumber(DIGITS)));
    }

    @Test
    void safetyNumberCanComeFromStandardInput() throws Exception {
        held(TrustHolds.SAFETY_NUMBER_MISMATCH);

        Cli.Result r = withStandardInput(
                (GROUPS + "\n").getBytes(StandardCharsets.US_ASCII),
                home.args("signal", "trust", HANDLE, "--safety-number", "-"));

        assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isZero();
        assertThat(openedRequests())
                .singleElement()
                .satisfies(request ->
                        assertThat(request.decision()).isEqualTo(new TrustDecision.VerifiedSafetyNumber(DIGITS)));
    }

    @Test
    void nothingHeldExitsOneAndSaysSo() {
        long queued = queue();

        Cli.Result r = Cli.expect(1, home.args("signal", "trust", HANDLE));

        assertThat(r.stderr())
                .contains("nothing to " + HANDLE + " waits for a trust decision")
                .contains("`tipbridge outbox list`");
        assertThat(status(queued)).isEqualTo(OutboxStatus.QUEUED);
        assertThat(openedRequests()).isEmpty();
    }

    @Test
    void malformedSafetyNumberIsRefusedWithoutRepeatingIt() {
        long id = held(TrustHolds.SAFETY_NUMBER_CHANGED);
        List<String> bad = List.of(DIGITS.substring(1), DIGITS + "7", DIGITS.substring(1) + "x", "-" + DIGITS, "");

        for (String typed : bad) {
            Cli.Result r = Cli.expect(2, home.args("signal", "trust", HANDLE, "--safety-number", typed));
            assertThat(r.stderr()).contains("--safety-number must be the 60 digits");
            if (!typed.isEmpty()) {
                assertThat(r.stderr()).doesNotContain(typed.substring(1, 20));
            }
        }
        assertThat(status(id)).isEqualTo(OutboxStatus.NEEDS_DECISION);
    }

    @Test
    void unknownHandleExitsNotFoundLikeReply() {
        Cli.Result unknown = Cli.expect(3, home.args("signal", "trust", "brave-lynx-00000"));
        Cli.Result malformed = Cli.expect(3, home.args("signal", "trust", "\u001B[2Jnot-a-handle"));

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

        JsonNode json = new ObjectMapper()
                .readTree(Cli.expect(0, home.args("signal", "trust", HANDLE, "--safety-number", DIGITS, "--json"))
                        .stdout());

        assertThat(json.get("handle").asText()).isEqualTo(HANDLE);
        assertThat(json.get("released").asInt()).isEqualTo(2);
        assertThat(json.get("trust").asText()).isEqualTo("safety-number");
        assertThat(json.get("status").asText()).isEqualTo("queued");
        assertThat(json.toString()).doesNotContain(DIGITS);
    }

    @Test
    void outboxListAdvisesSignalTrustForEachTrustHold() {
        long changed = held(TrustHolds.SAFETY_NUMBER_CHANGED);
        long mismatch = held(TrustHolds.SAFETY_NUMBER_MISMATCH);
        long refused = held(TrustHolds.TRUST_REFUSED);

        List<String> advice = Cli.expect(0, home.args("outbox", "list"))
                .stdout()
                .lines()
                .filter(l -> l.startsWith("Reply "))
                .toList();

        assertThat(advice).hasSize(3);
        assertThat(advice.get(0))
                .startsWith("Reply " + refused + " to " + HANDLE + " waits for a decision: signal-cli refused to trust")
                .contains("`tipbridge signal trust " + HANDLE + "`")
                .endsWith("`tipbridge outbox cancel " + refused + "`.");
        assertThat(advice.get(1))
                .contains("signal-cli refused the safety number given")
                .contains("`tipbridge signal trust " + HANDLE + " --safety-number DIGITS`");
        assertThat(advice.get(2))
                .startsWith("Reply " + changed + " to " + HANDLE + " waits for a decision: the source's Signal safety"
                        + " number changed")
                .contains("`tipbridge signal trust " + HANDLE + " --safety-number DIGITS`")
                .contains("accept the new key unverified with `tipbridge signal trust " + HANDLE + "`")
                .endsWith("`tipbridge outbox cancel " + changed + "`.");
        assertThat(mismatch).isPositive();
    }

    @Test
    void helpSaysWhatTrustingWithoutASafetyNumberMeans() {
        String help = Cli.expect(0, "signal", "trust", "--help").stdout().replaceAll("\\s+", " ");

        assertThat(help)
                .contains("--safety-number")
                .contains("accepted unverified")
                .contains("standard input");
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

    private static Cli.Result withStandardInput(byte[] input, Object... args) {
        InputStream real = System.in;
        try {
            System.setIn(new ByteArrayInputStream(input));
            return Cli.run(args);
        } finally {
            System.setIn(real);
        }
    }
}
