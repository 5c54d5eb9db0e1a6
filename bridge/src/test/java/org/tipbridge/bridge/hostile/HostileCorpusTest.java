// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.pipeline.Outcome;

/**
 * Every case of the adversarial corpus through the real intake, in this JVM: mail through
 * {@code MailPipeline} (real store, real keys, scrub stage), Signal lines through the real receiver
 * on a socket, the spool sink and {@code SignalPipeline}. Each case must end with exactly its
 * expected outcome, within a preemptive time limit, without an exception escaping, and a tip's
 * analyst-visible text must be safe for a terminal and a file system.
 */
class HostileCorpusTest {
    /** Far above any case's normal time (the largest take a few seconds): a case over it hangs. */
    private static final Duration PER_CASE = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;

    private static HostileFixture fixture;
    private static SignalLane signal;

    @BeforeAll
    static void open() throws Exception {
        fixture = HostileFixture.open(tmp);
        signal = new SignalLane(fixture, tmp.resolve("signal"));
    }

    @AfterAll
    static void close() throws Exception {
        if (signal != null) {
            signal.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void corpusHasAtLeast150CasesWithUniqueNamesAndSenders() {
        List<HostileCase> all = HostileCorpus.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(150);
        assertThat(all.stream().map(HostileCase::name).distinct()).hasSameSizeAs(all);
        Set<Long> senders = new HashSet<>();
        all.forEach(c -> assertThat(senders.add(Mails.number(c.name())))
                .as("sender of %s is its own", c.name())
                .isTrue());
        assertThat(all.stream().filter(c -> c.kind() == HostileCase.Kind.MAIL)).hasSizeGreaterThanOrEqualTo(120);
        assertThat(all.stream().filter(c -> c.kind() == HostileCase.Kind.SIGNAL))
                .hasSizeGreaterThanOrEqualTo(30);
    }

    /** {@code -Dhostile.only=TEXT} runs only the cases whose name contains TEXT (the whole corpus by default). */
    @TestFactory
    Stream<DynamicTest> everyCaseGetsItsExpectedOutcome() {
        String only = System.getProperty("hostile.only", "");
        // The heavy cases (bombs, giant and far-over-the-limit messages) get their exact outcomes
        // checked in a 128 MiB JVM by BombHeapTest; running them here too would only double the time.
        Set<String> heavy = BombRun.heavy().stream().map(HostileCase::name).collect(Collectors.toSet());
        return HostileCorpus.all().stream()
                .filter(c -> c.name().contains(only))
                .filter(c -> !only.isEmpty() || !heavy.contains(c.name()))
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> assertTimeoutPreemptively(PER_CASE, () -> run(c))));
    }

    private static void run(HostileCase c) throws Exception {
        int records = fixture.store.count();
        int quarantined = fixture.store.quarantineCount();
        if (c.kind() == HostileCase.Kind.MAIL) {
            Outcome outcome = fixture.ingest(c);
            assertThat(outcome).as("a hostile message is never a duplicate").isNotInstanceOf(Outcome.Duplicate.class);
        } else {
            signal.deliver(c);
        }
        int newRecords = fixture.store.count() - records;
        int newQuarantine = fixture.store.quarantineCount() - quarantined;
        Expected expected = c.expected();
        switch (expected.verdict()) {
            case TIP -> {
                assertThat(List.of(newRecords, newQuarantine))
                        .as("records, quarantined (newest quarantine: %s)", newestReason(newQuarantine))
                        .containsExactly(1, 0);
                checkTip(c, fixture.newestTip());
            }
            case QUARANTINE -> {
                assertThat(List.of(newRecords, newQuarantine))
                        .as("records, quarantined (newest record: %s)", newestRecord(newRecords))
                        .containsExactly(0, 1);
                assertThat(Optional.of(fixture.store.quarantined(1).get(0).reasonCode()))
                        .isEqualTo(expected.reason());
            }
            case IGNORED ->
                assertThat(List.of(newRecords, newQuarantine))
                        .as("records, quarantined (%s; %s)", newestReason(newQuarantine), newestRecord(newRecords))
                        .containsExactly(0, 0);
        }
    }

    private static String newestReason(int added) {
        return added == 0 ? "none" : fixture.store.quarantined(1).get(0).reasonCode();
    }

    /** The newest record, in words, for a failure message. */
    private static String newestRecord(int added) throws Exception {
        return added == 0 ? "none" : describe(fixture.newestTip());
    }

    private static void checkTip(HostileCase c, RecordCheck.Tip tip) {
        for (String warning : c.expected().warnings()) {
            assertThat(tip.record().warnings())
                    .as("warnings (%s)", describe(tip))
                    .anyMatch(w -> w.contains(warning));
        }
        assertThat(AnalystText.problems(tip.record()))
                .as("unsafe text for an analyst")
                .isEmpty();
        if (c instanceof GeneratedCase generated) {
            List<String> problems = generated.checks().stream()
                    .map(check -> check.problem(tip))
                    .flatMap(Optional::stream)
                    .toList();
            assertThat(problems)
                    .as("record checks (warnings: %s)", tip.record().warnings())
                    .isEmpty();
        }
    }

    private static String describe(RecordCheck.Tip tip) {
        var record = tip.record();
        return "subject=" + AnalystText.escaped(record.subject()) + " body=" + AnalystText.escaped(record.body())
                + " signature=" + record.signature() + " warnings=" + record.warnings() + " attachments="
                + record.attachments().stream()
                        .map(a -> AnalystText.escaped(a.name()) + "/" + a.outcome() + "/" + a.removed())
                        .toList();
    }
}
