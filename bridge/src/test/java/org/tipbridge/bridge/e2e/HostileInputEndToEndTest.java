// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.demo.SmtpSubmit;
import org.tipbridge.bridge.hostile.Expected;
import org.tipbridge.bridge.hostile.HostileCase;
import org.tipbridge.bridge.hostile.HostileCorpus;
import org.tipbridge.bridge.testing.Gpg;
import org.tipbridge.bridge.testing.IdentifierRichCorpus;
import org.tipbridge.bridge.testing.LeakScanner;
import org.tipbridge.bridge.testing.MailBuilder;
import org.tipbridge.bridge.testing.TipbridgeJar;
import org.tipbridge.signal.Endpoint;
import org.tipbridge.signal.FakeSignalCli;

/**
 * One daemon, run from the packaged jar with a 256 MiB heap that ends the process on exhaustion
 * and a private temporary directory, takes the whole hostile corpus (mail over SMTP into an
 * external mailbox it reads over IMAP, Signal lines from a fake signal-cli), then a normal tip,
 * then identifier-rich tips and replies; every CLI view is called in every format. Then every byte
 * tipbridge wrote is searched for every sender identifier, and every CLI output for terminal
 * control characters.
 *
 * <p>The mailbox is GreenMail in this test's JVM (as a production daemon reads an external
 * Dovecot), not the daemon's embedded trial mailbox, which keeps every accepted message in the
 * daemon's heap: the 256 MiB cap then bounds what the daemon itself holds while it streams the
 * corpus from IMAP. Cases larger than {@link #MAX_HELD_BYTES} are not fed (see {@link #fed()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputEndToEndTest extends EndToEndBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CORPUS_LIMIT = Duration.ofSeconds(60);
    private static final int MAILS = 3;
    private static final int SIGNALS = 2;
    /** One per channel, before the corpus. */
    private static final int WARM_UP_TIPS = 2;
    /**
     * The largest case fed here: GreenMail holds each message whole in this JVM's heap and parses
     * its whole structure under one lock for all deliveries, so the multi-megabyte cases (10 MiB
     * preambles, 64 MiB lines, the 4 GiB message) stall every delivery behind them for minutes, a
     * cost of the test mailbox, not of the daemon, which streams them (a real Dovecot stores them
     * as files). They are run by {@code hostile.HostileCorpusTest} through the real pipeline, by {@code hostile.BombHeapTest} (the heavy cases in a
     * 128 MiB JVM through the real pipeline) and, for a message over the size limit in a real
     * mailbox, by {@code daemon.DaemonIntegrationTest#oversizedMessageIsQuarantinedWithoutFetchingAndMovedAside}.
     */
    private static final long MAX_HELD_BYTES = 1L << 20;
    /**
     * Cases GreenMail cannot index in time: it parses every delivered message's whole MIME
     * structure (for IMAP BODYSTRUCTURE) under one lock for all deliveries, re-parsing the message
     * at each nesting level, so a case thousands of levels deep or with a million parts takes
     * minutes in the mailbox (over the SMTP timeout, stalling every delivery after it) before the
     * daemon sees anything. They are not fed here: {@code hostile.HostileCorpusTest} runs them
     * through the real intake, and the "too-deep" and "too-many-parts" cases just over the limits,
     * fed here, prove those limits end to end.
     */
    private static final List<String> TOO_DEEP_FOR_THE_MAILBOX =
            List.of("mime-depth-far-over-", "mime-depth-unclosed-", "mime-parts-flood-", "mime-rfc822-nested-");

    @TempDir
    static Path tmp;

    private Path privateTmp;
    private Path exports;
    private Path analystKey;
    private Path passphrase;
    private FakeSignalCli signalCli;
    private GreenMail sink;
    private GreenMail mailbox;
    private Gpg gpg;
    private int smtpPort;
    private int imapPort;
    private final List<IdentifierRichCorpus.Tip> identifierRich = new ArrayList<>();
    /** The normal tips sent right after the corpus: scanned for too. */
    private final List<String> afterCorpus = new ArrayList<>();
    /** The hostile corpus' sender addresses and Signal sources (where not also in their content). */
    private final java.util.Set<String> hostileSenders = new java.util.LinkedHashSet<>();

    @BeforeAll
    void setUp() throws Exception {
        home = tmp.resolve("home");
        log = tmp.resolve("daemon.out");
        privateTmp = Files.createDirectories(tmp.resolve("jvm-tmp"));
        exports = Files.createDirectories(tmp.resolve("exports"));
        gpg = new Gpg(tmp.resolve("gnupg"));
        signalCli = FakeSignalCli.start(Files.createDirectories(tmp.resolve("run")));
        Path signalData =
                Files.createDirectories(tmp.resolve("signal-data/attachments")).getParent();
        int sinkPort = TipbridgeJar.freePort();
        sink = new GreenMail(new ServerSetup(sinkPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        sink.start();
        smtpPort = TipbridgeJar.freePort();
        imapPort = TipbridgeJar.freePort();
        jar = new TipbridgeJar()
                .env("TIPBRIDGE_MAILBOX_HOST", "127.0.0.1")
                .env("TIPBRIDGE_MAILBOX_IMAP_PORT", Integer.toString(imapPort))
                .env("TIPBRIDGE_MAILBOX_POLL_SECONDS", "1")
                .env("TIPBRIDGE_OUTBOUND_SMTP_HOST", "127.0.0.1")
                .env("TIPBRIDGE_OUTBOUND_SMTP_PORT", Integer.toString(sinkPort))
                .env("TIPBRIDGE_OUTBOUND_POLL_SECONDS", "1")
                .env("TIPBRIDGE_LOG_LEVEL", "debug")
                .jvmOptions("-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + privateTmp);
        String init = cli(0, "init", "--home", home.toString()).stdout();
        org.tipbridge.bridge.store.TestDatabases.useIn(home);
        useTheCorpusBridgeKey(home);
        mailbox = ExternalMailbox.start(home, smtpPort, imapPort);
        analystKey = SignalHome.initOutput(init, "Quickstart analyst key:");
        passphrase = SignalHome.initOutput(init, "Its passphrase:");
        SignalHome.configure(
                home, (Endpoint.Unix) signalCli.endpoint(FakeSignalCli.Transport.UNIX), signalData, "tipbridge.log");
        gpg.importKey(cli(0, "keys", "bridge-public", "--home", home.toString())
                .stdout()
                .getBytes(StandardCharsets.US_ASCII));
        super.startDaemon();
        warmUp();
    }

    /**
     * One ordinary tip per channel before the corpus, so that the timing after it measures a
     * daemon in its steady state, not its first use of each code path.
     */
    private void warmUp() throws Exception {
        IdentifierRichCorpus.Tip signalTip =
                IdentifierRichCorpus.signal(SIGNALS + 2).get(SIGNALS + 1);
        afterCorpus.addAll(signalTip.identifiers());
        afterCorpus.add("warm.up@example.org");
        SmtpSubmit.send(
                "127.0.0.1",
                smtpPort,
                "warm.up@example.org",
                "tips@localhost",
                MailBuilder.plain(MailBuilder.identifyingHeaders("warm.up@example.org", "wu7z"), "warm", "Warm."));
        signalCli.push(signalTip.bytes());
        try (ReadOnlyDatabase db = new ReadOnlyDatabase(home)) {
            await("the warm-up tips are records", 60, () -> db.records() == WARM_UP_TIPS);
        }
    }

    @AfterAll
    void tearDown() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly().waitFor();
        }
        signalCli.close();
        sink.stop();
        if (mailbox != null) {
            mailbox.stop();
        }
    }

    @Override
    protected String diagnostics() throws IOException {
        Path file = home.resolve("tipbridge.log");
        return super.diagnostics() + (Files.exists(file) ? Files.readString(file) : "");
    }

    @Test
    @Order(1)
    void everyHostileCaseIsSettledWithinBoundedTimeAndTheDaemonKeepsRunning() throws Exception {
        List<HostileCase> corpus = fed();
        hostileSenders.addAll(HostileSenders.of(corpus));
        assertThat(hostileSenders.isEmpty())
                .as("sender identifiers found in the corpus' mail (each case has its own sender)")
                .isEqualTo(corpus.stream().noneMatch(c -> c.kind() == HostileCase.Kind.MAIL));
        long start = System.nanoTime();
        List<String> refused = new CorpusFeed(smtpPort, signalCli).feed(corpus);
        assertThat(refused)
                .as("cases the mailbox or the fake signal-cli could not take")
                .isEmpty();
        long tips = count(corpus, Expected.Verdict.TIP);
        long quarantined = count(corpus, Expected.Verdict.QUARANTINE);
        try (ReadOnlyDatabase db = new ReadOnlyDatabase(home)) {
            await(
                    "every case settled",
                    (int) CORPUS_LIMIT.toSeconds(),
                    () -> daemonAlive()
                            && db.records() - WARM_UP_TIPS >= tips
                            && db.quarantined() >= quarantined
                            && signalCli.queued() == 0
                            && spoolItems().isEmpty()
                            && MailboxProbe.inbox(home, imapPort) == 0);
            System.out.printf(
                    "hostile corpus: %d of %d cases fed (%d tips, %d quarantined), settled in %d ms%n",
                    corpus.size(),
                    HostileCorpus.all().size(),
                    tips,
                    quarantined,
                    (System.nanoTime() - start) / 1_000_000);
            assertThat(db.records() - WARM_UP_TIPS).as("records").isEqualTo(tips);
            assertThat(db.quarantined()).as("quarantine entries").isEqualTo(quarantined);
        }
        assertThat(daemon.isAlive())
                .as("daemon alive after the corpus\n" + diagnostics())
                .isTrue();
        JsonNode status = JSON.readTree(
                cli(0, "status", "--home", home.toString(), "--json").stdout());
        assertThat(status.isObject()).isTrue();
    }

    @Test
    @Order(2)
    void quarantineListShowsEveryExpectedReasonCountForCount() throws Exception {
        List<HostileCase> corpus = fed();
        Map<String, Long> expected = corpus.stream()
                .filter(c -> c.expected().verdict() == Expected.Verdict.QUARANTINE)
                .collect(Collectors.groupingBy(
                        c -> c.expected().reason().orElseThrow(), TreeMap::new, Collectors.counting()));
        JsonNode list =
                JSON.readTree(cli(0, "quarantine", "list", "--home", home.toString(), "--limit", "100000", "--json")
                        .stdout());
        Map<String, Long> actual = new TreeMap<>();
        list.forEach(e -> actual.merge(e.get("reason").asText(), 1L, Long::sum));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    @Order(3)
    void aNormalTipRightAfterTheCorpusIsSealedWithinOneSecond() throws Exception {
        IdentifierRichCorpus.Tip signalTip =
                IdentifierRichCorpus.signal(SIGNALS + 1).get(SIGNALS);
        afterCorpus.addAll(signalTip.identifiers());
        afterCorpus.addAll(List.of("after.corpus@example.org", "Jane Source", "198.51.100.77"));
        try (ReadOnlyDatabase db = new ReadOnlyDatabase(home)) {
            long mailMillis = sealedWithin(
                    db,
                    () -> SmtpSubmit.send(
                            "127.0.0.1",
                            smtpPort,
                            "after.corpus@example.org",
                            "tips@localhost",
                            MailBuilder.plain(
                                    MailBuilder.identifyingHeaders("after.corpus@example.org", "ac1x"),
                                    "after",
                                    "A normal tip after the storm.")));
            long signalMillis = sealedWithin(db, () -> signalCli.push(signalTip.bytes()));
            System.out.printf(
                    "normal tip after the corpus sealed in: e-mail %d ms, Signal %d ms%n", mailMillis, signalMillis);
            assertThat(mailMillis).as("e-mail tip: submit -> record row, ms").isLessThan(1000);
            assertThat(signalMillis).as("Signal tip: pushed -> record row, ms").isLessThan(1000);
        }
        assertThat(daemon.isAlive()).isTrue();
    }

    @Test
    @Order(4)
    void identifierRichTipsAreSealedAndEveryAnalystViewRuns() throws Exception {
        identifierRich.addAll(IdentifierRichCorpus.mails(gpg, "tips@localhost", MAILS));
        identifierRich.addAll(IdentifierRichCorpus.signal(SIGNALS));
        JsonNode before = records();
        for (IdentifierRichCorpus.Tip tip : identifierRich) {
            if (tip.sender().contains("@")) {
                SmtpSubmit.send("127.0.0.1", smtpPort, tip.sender(), "tips@localhost", tip.bytes());
            } else {
                signalCli.push(tip.bytes());
            }
        }
        await("the identifier-rich tips are records", 30, () -> records().size() == before.size() + MAILS + SIGNALS);
        List<JsonNode> fresh = newRecords(records(), before);
        assertThat(fresh).hasSize(MAILS + SIGNALS);
        views().everyView(fresh, this::awaitRepliesSent);
    }

    @Test
    @Order(5)
    void quarantineViewsRunInEveryFormat() throws Exception {
        views().quarantine(3);
    }

    @Test
    @Order(6)
    void noSenderIdentifierInAnyByteTipbridgeWrote() throws Exception {
        assertThat(identifierRich).as("the identifier-rich tips went in").hasSize(MAILS + SIGNALS);
        stopDaemon();
        LeakScanner scanner = scanner();
        for (IdentifierRichCorpus.Tip tip : identifierRich) {
            assertThat(scanner.scan("the tip as sent", tip.bytes()))
                    .as("the scanner sees the identifiers in what was sent")
                    .anyMatch(hit -> hit.startsWith(tip.sender() + " in "));
        }
        List<String> hits = new ArrayList<>();
        hits.addAll(scanner.scanTree(org.tipbridge.bridge.store.TestDatabases.dumpHome(home)));
        hits.addAll(scanner.scanTree(privateTmp));
        hits.addAll(scanner.scanTree(exports));
        hits.addAll(scanner.scan("daemon stdout/stderr", Files.readAllBytes(log)));
        for (String out : cliOutputs()) {
            hits.addAll(scanner.scanText("CLI output", out));
        }
        assertThat(hits).isEmpty();
    }

    @Test
    @Order(7)
    void cliOutputCarriesNoControlEscapeOrBidiCharacter() throws Exception {
        List<String> outputs = cliOutputs();
        assertThat(String.join("\n", outputs))
                .as("the hostile text reached the CLI: its printable rest as is, a bidi mark made visible")
                .contains("[31mred")
                .contains("]0;owned")
                .contains("\\u200F");
        for (String out : outputs) {
            assertThat(TerminalSafety.unsafe(out))
                    .as(TerminalSafety.excerpt(out))
                    .isEmpty();
        }
        assertThat(TerminalSafety.unsafe(Files.readString(log, StandardCharsets.UTF_8)))
                .as("daemon stdout/stderr")
                .isEmpty();
    }

    private CliViews views() {
        return new CliViews(this::cli, home, analystKey, passphrase, exports);
    }

    private JsonNode records() throws Exception {
        return JSON.readTree(cli(0, "queue", "list", "--home", home.toString(), "--limit", "100000", "--json")
                .stdout());
    }

    private LeakScanner scanner() {
        LeakScanner scanner = new LeakScanner();
        afterCorpus.forEach(scanner::identifier);
        hostileSenders.forEach(scanner::identifier);
        for (IdentifierRichCorpus.Tip tip : identifierRich) {
            tip.identifiers().forEach(scanner::identifier);
            tip.fingerprints().forEach(scanner::fingerprint);
        }
        return scanner;
    }

    /**
     * The corpus encrypts its OpenPGP cases to the gpg-made interop bridge key (resources/interop),
     * so the home gets that key instead of the one init made; otherwise every encrypted case would
     * be "not encrypted to the bridge" here.
     */
    private static void useTheCorpusBridgeKey(Path home) throws IOException {
        for (String file : List.of("bridge.sec.asc", "bridge.pub.asc")) {
            try (java.io.InputStream key =
                    HostileInputEndToEndTest.class.getClassLoader().getResourceAsStream("interop/" + file)) {
                Files.copy(key, home.resolve("keys").resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        java.nio.file.Files.writeString(home.resolve("secrets/bridge-passphrase"), "bridge-test-passphrase");
    }

    /**
     * The corpus without the cases over {@link #MAX_HELD_BYTES}, which the mailbox in this JVM
     * cannot hold, and those it cannot index in time ({@link #TOO_DEEP_FOR_THE_MAILBOX}); see there
     * for the tests that run them.
     */
    private static List<HostileCase> fed() throws IOException {
        List<HostileCase> fed = new ArrayList<>();
        for (HostileCase c : HostileCorpus.all()) {
            if (HostileCorpus.length(c) <= MAX_HELD_BYTES
                    && TOO_DEEP_FOR_THE_MAILBOX.stream().noneMatch(c.name()::startsWith)) {
                fed.add(c);
            }
        }
        return fed;
    }

    private static long count(List<HostileCase> corpus, Expected.Verdict verdict) {
        return corpus.stream().filter(c -> c.expected().verdict() == verdict).count();
    }

    /** A submission, measured from its start to its record row's commit. */
    @FunctionalInterface
    private interface Submission {
        void submit() throws Exception;
    }

    private long sealedWithin(ReadOnlyDatabase db, Submission submission) throws Exception {
        long before = db.records();
        long start = System.nanoTime();
        submission.submit();
        System.out.printf("submitted in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        while (db.records() == before) {
            if (System.nanoTime() - start > Duration.ofSeconds(30).toNanos()) {
                throw new AssertionError("the tip was not sealed within 30 s\n" + diagnostics());
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private boolean daemonAlive() throws IOException {
        if (!daemon.isAlive()) {
            throw new AssertionError("the daemon exited (" + daemon.exitValue() + ")\n" + diagnostics());
        }
        return true;
    }

    /** Both replies (CliViews' words) left: through the fake signal-cli and into the SMTP sink. */
    private void awaitRepliesSent() throws Exception {
        await(
                "the Signal and the e-mail reply sent",
                40,
                () -> signalCli.sendCalls().stream()
                                .anyMatch(c -> c.path("message").asText().contains("Which road"))
                        && java.util.Arrays.stream(sink.getReceivedMessages())
                                .anyMatch(m -> com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(m)
                                        .contains("Which road")));
    }

    /** A plain-text reply carrying CliViews' words (decoded from its transfer encoding). */
    private static boolean isReply(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getContent() instanceof String text && text.contains("Which road");
        } catch (jakarta.mail.MessagingException | IOException e) {
            return false;
        }
    }

    private static List<JsonNode> newRecords(JsonNode all, JsonNode before) {
        List<String> old = new ArrayList<>();
        before.forEach(r -> old.add(r.get("id").asText()));
        List<JsonNode> fresh = new ArrayList<>();
        all.forEach(r -> {
            if (!old.contains(r.get("id").asText())) {
                fresh.add(r);
            }
        });
        return fresh;
    }

    private List<Path> spoolItems() throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".item"))
                    .toList();
        }
    }
}
