// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.signal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.handle.Handles;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.handle.ReplyAddressBox;
import org.tipbridge.bridge.outbox.SendResult;
import org.tipbridge.bridge.outbox.SignalCliSender;
import org.tipbridge.bridge.outbox.SignalSender;
import org.tipbridge.bridge.pipeline.AckPolicy;
import org.tipbridge.bridge.pipeline.AnalystSeal;
import org.tipbridge.bridge.pipeline.CoarseClock;
import org.tipbridge.bridge.pipeline.StripSignal;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.Spool;
import org.tipbridge.bridge.store.Storage;
import org.tipbridge.bridge.store.TestDatabases;
import org.tipbridge.bridge.testing.LeakScanner;
import org.tipbridge.conf.StoreConfig;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.signal.EnvelopeParser;
import org.tipbridge.signal.FakeSignalCli;
import org.tipbridge.signal.SignalFixtures;
import org.tipbridge.signal.SignalLimits;

/** The one-time group notice, through the real pipeline, store and crypto: once per group, ever. */
class SignalGroupNoticeTest {
    private static final OpenPgp PGP = OpenPgp.create();
    private static final String NOTICE = "This number does not read groups. Write to us directly.";
    /** The group of {@code group-message.json}. */
    private static final String GROUP = "6z/jI2um2JlZsta6KW7VqmDkG91e2vli1jSS43BqNwQ=";

    private static final String OTHER_GROUP = "BwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSY=";
    private static final String FIXTURE_TIMESTAMP = "1767269460000";

    @TempDir
    Path tmp;

    private GeneratedKey bridge;
    private GeneratedKey analyst;
    private MappingSecrets secrets;
    private RecordStore store;
    private StoreConfig config;
    private Storage storage;
    private Spool spool;
    private SignalSpoolSink sink;
    private Path dataDir;
    private SignalCounters counters;
    private final RecordingSender sender = new RecordingSender();

    @BeforeEach
    void setUp() throws Exception {
        bridge = PGP.generateKey("bridge <tips@localhost>", new char[0]);
        analyst = PGP.generateKey("analyst <a@localhost>", new char[0]);
        secrets = MappingSecrets.generate(tmp.resolve("mapping.key"));
        config = TestDatabases.store(tmp);
        storage = Storage.open(config, java.time.Clock.systemUTC());
        store = openStore();
        dataDir = Files.createDirectories(tmp.resolve("signal-cli/attachments")).getParent();
        spool = storage.openSignalSpool();
        sink = new SignalSpoolSink(spool, PGP, bridge.certificate(), () -> {});
    }

    @AfterEach
    void tearDown() {
        store.close();
        storage.close();
    }

    @Test
    void noticeIsSentOncePerGroupAcrossMessagesReplaysAndRestarts() throws Exception {
        byte[] first = groupMessage(GROUP, 1);
        sink.accept(first);
        sink.accept(groupMessage(GROUP, 2));
        pipeline(Optional.of(NOTICE), sender).drain();
        sink.accept(first);
        pipeline(Optional.of(NOTICE), sender).drain();

        store.close();
        store = openStore();
        sink.accept(first);
        sink.accept(groupMessage(GROUP, 3));
        pipeline(Optional.of(NOTICE), sender).drain();

        assertThat(sender.groupSends).containsExactly(GROUP + "|" + NOTICE);
        assertThat(sender.directSends).isZero();
        assertThat(spool.pending(10)).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void slowGroupSendsNeverHoldUpTheDrainOfTips() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        RecordingSender slow = new RecordingSender();
        slow.result = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new SendResult.Sent();
        };
        counters = new SignalCounters();
        GroupNotice background =
                GroupNotice.inBackground(Optional.of(NOTICE), slow, store.groupNotices(), secrets, counters);
        try {
            for (int n = 0; n < GroupNotice.QUEUE + 5; n++) {
                sink.accept(groupMessage(groupId(n), n));
            }
            sink.accept(SignalFixtures.load("text.json"));

            long start = System.nanoTime();
            pipeline(background).drain();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            assertThat(store.count()).as("the 1:1 tip after the groups").isEqualTo(1);
            assertThat(spool.pending(100)).isEmpty();
        } finally {
            release.countDown();
            background.close();
        }
    }

    @Test
    void groupWhoseNoticeCouldNotBeQueuedIsForgottenAndTriedAgain() throws Exception {
        counters = new SignalCounters();
        GroupNotice rejecting =
                new GroupNotice(Optional.of(NOTICE), sender, store.groupNotices(), secrets, counters, r -> {
                    throw new java.util.concurrent.RejectedExecutionException("full");
                });
        sink.accept(groupMessage(GROUP, 1));
        pipeline(rejecting).drain();
        assertThat(sender.groupSends).isEmpty();

        sink.accept(groupMessage(GROUP, 2));
        pipeline(Optional.of(NOTICE), sender).drain();

        assertThat(sender.groupSends).containsExactly(GROUP + "|" + NOTICE);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void noticesStillQueuedAtStopAreForgottenNotLost() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        RecordingSender slow = new RecordingSender();
        slow.result = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new SendResult.Temporary("interrupted");
        };
        counters = new SignalCounters();
        GroupNotice background =
                GroupNotice.inBackground(Optional.of(NOTICE), slow, store.groupNotices(), secrets, counters);
        for (int n = 0; n < 3; n++) {
            sink.accept(groupMessage(groupId(n), n));
        }
        pipeline(background).drain();
        background.close(Duration.ofMillis(100));
        release.countDown();

        for (int n = 0; n < 3; n++) {
            sink.accept(groupMessage(groupId(n), 10 + n));
        }
        pipeline(Optional.of(NOTICE), sender).drain();

        assertThat(sender.groupSends)
                .as("the two still queued at stop are sent later; the one in flight is not sent twice")
                .containsExactlyInAnyOrder(groupId(1) + "|" + NOTICE, groupId(2) + "|" + NOTICE);
    }

    /** A distinct valid group id (base64 of 32 bytes) for each n. */
    private static String groupId(int n) {
        byte[] id = new byte[32];
        id[0] = (byte) n;
        id[1] = 7;
        return java.util.Base64.getEncoder().encodeToString(id);
    }

    @Test
    void twoGroupsGetOneNoticeEach() throws Exception {
        sink.accept(groupMessage(GROUP, 1));
        sink.accept(groupMessage(OTHER_GROUP, 2));
        sink.accept(groupMessage(OTHER_GROUP, 3));
        sink.accept(groupMessage(GROUP, 4));

        pipeline(Optional.of(NOTICE), sender).drain();

        assertThat(sender.groupSends).containsExactlyInAnyOrder(GROUP + "|" + NOTICE, OTHER_GROUP + "|" + NOTICE);
        assertThat(counters.groupNotices()).isEqualTo(2);
        assertThat(counters.groupMessages()).isEqualTo(4);
    }

    @Test
    void noticeIsOffByDefaultAndGroupsGetNoAnswer() throws Exception {
        sink.accept(groupMessage(GROUP, 1));

        pipeline(Optional.empty(), sender).drain();

        assertThat(sender.groupSends).isEmpty();
        assertThat(counters.groupNotices()).isZero();
        assertThat(spool.pending(10)).isEmpty();
    }

    @Test
    void failedSendIsNotRetriedAndTheGroupItemIsStillRemovedWithItsAttachments() throws Exception {
        sender.result = () -> new SendResult.Temporary("signal-network");
        Path photo = Files.write(dataDir.resolve("attachments/Gr0upPh0to.jpg"), new byte[] {1, 2, 3});
        sink.accept(withAttachment(groupMessage(GROUP, 1), "Gr0upPh0to.jpg"));

        boolean acknowledged = pipeline(Optional.of(NOTICE), sender).drain();
        sender.result = SendResult.Sent::new;
        sink.accept(groupMessage(GROUP, 2));
        pipeline(Optional.of(NOTICE), sender).drain();

        assertThat(acknowledged).isFalse();
        assertThat(sender.groupSends).hasSize(1);
        assertThat(counters.groupNotices()).isZero();
        assertThat(spool.pending(10)).isEmpty();
        assertThat(Files.exists(photo)).isFalse();
        assertThat(store.count()).isZero();
    }

    @Test
    void senderThatThrowsDoesNotFailTheGroupItem() throws Exception {
        sender.result = () -> {
            throw new IllegalStateException("a sender bug");
        };
        sink.accept(groupMessage(GROUP, 1));

        pipeline(Optional.of(NOTICE), sender).drain();

        assertThat(spool.pending(10)).isEmpty();
        assertThat(counters.setAside()).isZero();
        assertThat(sender.groupSends).hasSize(1);
    }

    @Test
    void noticeGoesOutAsOneGroupSendWithoutRecipientThroughSignalCli() throws Exception {
        try (FakeSignalCli peer = FakeSignalCli.start(Files.createDirectories(tmp.resolve("peer")))) {
            SignalSender real = new SignalCliSender(
                    peer.endpoint(FakeSignalCli.Transport.UNIX), Optional.empty(), Duration.ofSeconds(5));
            sink.accept(groupMessage(GROUP, 1));
            sink.accept(groupMessage(GROUP, 2));

            pipeline(Optional.of(NOTICE), real).drain();

            assertThat(peer.sendCalls()).singleElement().satisfies(params -> {
                assertThat(params.path("groupId").asText()).isEqualTo(GROUP);
                assertThat(params.path("message").asText()).isEqualTo(NOTICE);
                assertThat(params.has("recipient")).isFalse();
            });
            assertThat(counters.groupNotices()).isEqualTo(1);
        }
    }

    @Test
    void groupIdAndGroupContentAreNeverStoredOrLoggedInClear() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger("org.tipbridge");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try {
            sender.result = () -> new SendResult.Temporary("signal-network");
            sink.accept(groupMessage(GROUP, 1));
            pipeline(Optional.of(NOTICE), sender).drain();
            sender.result = SendResult.Sent::new;
            sink.accept(groupMessage(OTHER_GROUP, 2));
            pipeline(Optional.of(NOTICE), sender).drain();
        } finally {
            root.detachAppender(log);
        }
        store.close();

        LeakScanner scanner = leakScanner();
        List<String> hits = new ArrayList<>(scanner.scanTree(tmp));
        hits.addAll(rawGroupIdHits(tmp));
        for (ILoggingEvent event : log.list) {
            hits.addAll(scanner.scanText("log", event.getFormattedMessage()));
            if (event.getThrowableProxy() != null) {
                hits.addAll(scanner.scanText("log", ThrowableProxyUtil.asString(event.getThrowableProxy())));
            }
        }
        store = openStore();

        assertThat(log.list).isNotEmpty();
        assertThat(hits).isEmpty();
        assertThat(store.count()).isZero();
        assertThat(store.quarantineCount()).isZero();
    }

    private LeakScanner leakScanner() {
        LeakScanner scanner = new LeakScanner();
        for (String group : new String[] {GROUP, OTHER_GROUP}) {
            byte[] raw = Base64.getDecoder().decode(group);
            scanner.identifier(group)
                    .identifier(Base64.getUrlEncoder().encodeToString(raw))
                    .identifier(HexFormat.of().formatHex(raw));
        }
        return scanner.identifier("Kakamega north patrol")
                .identifier("Patrol moves to the northern block")
                .identifier("566ff4e9-f061-49ad-bc27-b1dea43b8bbb")
                .identifier("+4915112345678");
    }

    /** The decoded group ids, byte for byte, in any file. */
    private static List<String> rawGroupIdHits(Path dir) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String group : new String[] {GROUP, OTHER_GROUP}) {
                    String raw = new String(Base64.getDecoder().decode(group), StandardCharsets.ISO_8859_1);
                    if (bytes.contains(raw)) {
                        hits.add("raw group id in " + dir.relativize(file));
                    }
                }
            }
        }
        return hits;
    }

    private RecordStore openStore() {
        return RecordStore.open(config);
    }

    /** A pipeline on the current store, as the daemon builds it at each start. */
    private SignalPipeline pipeline(Optional<String> notice, SignalSender groupSender) {
        counters = counters == null ? new SignalCounters() : counters;
        return pipeline(new GroupNotice(notice, groupSender, store.groupNotices(), secrets, counters));
    }

    private SignalPipeline pipeline(GroupNotice groupNotice) {
        counters = counters == null ? new SignalCounters() : counters;
        Handles handles = new Handles(store, secrets, new ReplyAddressBox(secrets), new SecureRandom());
        AnalystSeal seal = new AnalystSeal(PGP, () -> List.of(analyst.certificate()), storage.blobs());
        return new SignalPipeline(new SignalPipeline.Parts(
                spool,
                PGP,
                bridge.key(),
                new EnvelopeParser(SignalLimits.DEFAULT),
                new SignalAttachments(dataDir, seal, 1 << 20),
                new StripSignal(handles, secrets),
                seal,
                store,
                new CoarseClock(Clock.systemUTC(), Duration.ofHours(1)),
                secrets,
                new AckPolicy(true, false, Duration.ofHours(24), 100),
                counters,
                groupNotice));
    }

    /** {@code group-message.json} in group {@code groupId}, with its own Signal timestamp. */
    private static byte[] groupMessage(String groupId, int n) {
        String json = new String(SignalFixtures.load("group-message.json"), StandardCharsets.UTF_8);
        return json.replace(GROUP, groupId)
                .replace(FIXTURE_TIMESTAMP, String.valueOf(Long.parseLong(FIXTURE_TIMESTAMP) + n))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withAttachment(byte[] message, String attachmentId) {
        String json = new String(message, StandardCharsets.UTF_8);
        return json.replace(
                        "\"viewOnce\": false,",
                        "\"viewOnce\": false, \"attachments\": [{\"contentType\": \"image/jpeg\", \"id\": \""
                                + attachmentId + "\"}],")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Records group sends; answers with a scripted result. */
    private static final class RecordingSender implements SignalSender {
        final List<String> groupSends = new ArrayList<>();
        int directSends;
        Supplier<SendResult> result = SendResult.Sent::new;

        @Override
        public SendResult send(String aci, String text, Optional<Integer> expireSeconds) {
            directSends++;
            return new SendResult.Sent();
        }

        @Override
        public SendResult sendToGroup(String groupId, String text) {
            groupSends.add(groupId + "|" + text);
            return result.get();
        }

        @Override
        public org.tipbridge.bridge.outbox.TrustResult trust(
                String aci, org.tipbridge.bridge.outbox.TrustDecision decision) {
            throw new AssertionError("a group notice never trusts a key");
        }
    }
}
