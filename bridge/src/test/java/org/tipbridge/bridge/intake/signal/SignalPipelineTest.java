// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.flood.ChannelFloods;
import org.tipbridge.bridge.flood.DiskGuard;
import org.tipbridge.bridge.flood.IntakeGuards;
import org.tipbridge.bridge.handle.Handles;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.handle.ReplyAddressBox;
import org.tipbridge.bridge.outbox.SignalSender;
import org.tipbridge.bridge.pipeline.AckPolicy;
import org.tipbridge.bridge.pipeline.AnalystSeal;
import org.tipbridge.bridge.pipeline.CoarseClock;
import org.tipbridge.bridge.pipeline.StripSignal;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.OutboxKind;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.RecordSummary;
import org.tipbridge.bridge.store.Spool;
import org.tipbridge.bridge.store.Storage;
import org.tipbridge.bridge.store.TestDatabases;
import org.tipbridge.bridge.testing.LeakScanner;
import org.tipbridge.conf.FloodsConfig;
import org.tipbridge.conf.StoreConfig;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.signal.EnvelopeParser;
import org.tipbridge.signal.SignalLimits;

/** Spooled Signal envelopes through every stage into records, against a real store and real crypto. */
class SignalPipelineTest {
    private static final OpenPgp PGP = OpenPgp.create();
    private static final String ACI = "8f2c6a0e-3b1d-4e7a-9c55-0d1e2f3a4b5c";
    private static final String OTHER_ACI = "1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b";
    private static final String NUMBER = "+4915112345678";
    private static final String NAME = "Ranger Amina";

    @TempDir
    Path tmp;

    private RecordStore store;
    private StoreConfig config;
    private Storage storage;
    private Spool spool;
    private SignalCounters counters;
    private SignalPipeline pipeline;
    private SignalPipeline.Parts parts;
    private SignalSpoolSink sink;
    private org.tipbridge.pgp.Certificate bridgeCertificate;
    private Path dataDir;
    private GeneratedKey analyst;

    @BeforeEach
    void setUp() throws Exception {
        GeneratedKey bridge = PGP.generateKey("bridge <tips@localhost>", new char[0]);
        analyst = PGP.generateKey("analyst <a@localhost>", new char[0]);
        config = TestDatabases.store(tmp);
        storage = Storage.open(config, Clock.systemUTC());
        store = RecordStore.open(config);
        MappingSecrets secrets = MappingSecrets.generate(tmp.resolve("mapping.key"));
        Handles handles = new Handles(store, secrets, new ReplyAddressBox(secrets), new SecureRandom());
        AnalystSeal seal = new AnalystSeal(PGP, () -> List.of(analyst.certificate()), storage.blobs());
        dataDir = Files.createDirectories(tmp.resolve("signal-cli"));
        Files.createDirectories(dataDir.resolve("attachments"));
        spool = storage.openSignalSpool();
        counters = new SignalCounters();
        parts = new SignalPipeline.Parts(
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
                new GroupNotice(
                        java.util.Optional.empty(), SignalSender.NONE, store.groupNotices(), secrets, counters));
        pipeline = new SignalPipeline(parts);
        bridgeCertificate = bridge.certificate();
        sink = new SignalSpoolSink(spool, PGP, bridge.certificate(), () -> {});
    }

    @AfterEach
    void tearDown() {
        store.close();
        storage.close();
    }

    private static String envelope(String aci, long timestamp, String dataMessage) {
        return "{\"envelope\":{\"source\":\"" + NUMBER + "\",\"sourceNumber\":\"" + NUMBER + "\",\"sourceUuid\":\""
                + aci
                + "\",\"sourceName\":\"" + NAME + "\",\"sourceDevice\":3,\"timestamp\":" + timestamp
                + ",\"serverReceivedTimestamp\":" + (timestamp + 7) + ",\"dataMessage\":" + dataMessage
                + "},\"account\":\"+254712345678\"}";
    }

    private void receive(String json) throws Exception {
        sink.accept(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void directMessageBecomesARecordUnderTheAcisHandle() throws Exception {
        receive(envelope(ACI, 1764000000001L, "{\"timestamp\":1764000000001,\"message\":\"Logs at the river.\"}"));
        receive(envelope(ACI, 1764000000002L, "{\"timestamp\":1764000000002,\"message\":\"More logs.\"}"));
        receive(envelope(OTHER_ACI, 1764000000003L, "{\"timestamp\":1764000000003,\"message\":\"Elsewhere.\"}"));

        assertThat(pipeline.drain()).isTrue();

        List<RecordSummary> records = store.list(10);
        assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r.channel()).isEqualTo(Channel.SIGNAL));
        assertThat(records.get(1).handle()).isEqualTo(records.get(2).handle());
        assertThat(records.get(0).handle()).isNotEqualTo(records.get(1).handle());
        assertThat(spool.pending(10)).isEmpty();
        assertThat(store.outbox().list(10))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.kind()).isEqualTo(OutboxKind.ACKNOWLEDGEMENT));
    }

    @Test
    void attachmentFileIsSealedThenDeleted() throws Exception {
        Path photo = Files.write(
                dataDir.resolve("attachments/Ab12cD34.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        receive(
                envelope(
                        ACI,
                        1764000000001L,
                        "{\"timestamp\":1764000000001,\"attachments\":[{\"contentType\":"
                                + "\"image/jpeg\",\"filename\":\"IMG_20260101_120000.jpg\",\"id\":\"Ab12cD34.jpg\",\"size\":5}]}"));

        pipeline.drain();

        assertThat(store.list(1))
                .singleElement()
                .satisfies(r -> assertThat(r.attachments()).isEqualTo(1));
        assertThat(Files.exists(photo)).isFalse();
    }

    @Test
    void groupsExceptionsReceiptsAndEmptyMessagesMakeNoRecord() throws Exception {
        receive(envelope(
                ACI,
                1L,
                "{\"timestamp\":1,\"message\":\"hi all\",\"groupInfo\":{\"groupId\":\"Zm9v\",\"type\":\"DELIVER\"}}"));
        receive("{\"envelope\":{\"sourceUuid\":\"" + ACI + "\",\"timestamp\":2},\"exception\":{\"message\":\"from "
                + NUMBER + "\",\"type\":\"ProtocolInvalidMessageException\"}}");
        receive("{\"envelope\":{\"sourceUuid\":\"" + ACI + "\",\"timestamp\":3,\"receiptMessage\":{\"when\":3,"
                + "\"isDelivery\":true,\"timestamps\":[1]}}}");
        receive(envelope(ACI, 4L, "{\"timestamp\":4,\"reaction\":{\"emoji\":\"👍\",\"targetSentTimestamp\":1}}"));
        receive("not json at all");

        pipeline.drain();

        assertThat(store.count()).isZero();
        assertThat(counters.groupMessages()).isEqualTo(1);
        assertThat(counters.exceptions()).isEqualTo(1);
        assertThat(counters.ignored()).isEqualTo(2);
        assertThat(counters.malformed()).isEqualTo(1);
        assertThat(spool.pending(10)).isEmpty();
    }

    @Test
    void unreadableLineIsQuarantinedRedactedAndSealedToTheAnalysts() throws Exception {
        String line = "{\"jsonrpc\":\"2.0\",\"method\":\"receive\",\"params\":{\"result\":{\"envelope\":{"
                + "\"sourceNumber\":\"" + NUMBER + "\",\"sourceUuid\":\"" + ACI + "\"" + "[".repeat(40);
        sink.acceptUnreadable(line.getBytes(StandardCharsets.UTF_8));
        receive(envelope(ACI, 1764000000200L, "{\"timestamp\":1764000000200,\"message\":\"After it.\"}"));

        pipeline.drain();

        assertThat(store.count()).as("the readable tip after it").isEqualTo(1);
        assertThat(counters.unreadable()).isEqualTo(1);
        org.tipbridge.bridge.store.QuarantineEntry entry = store.quarantined(10).get(0);
        assertThat(store.quarantined(10)).hasSize(1);
        assertThat(entry.reasonCode()).isEqualTo("malformed-signal");
        assertThat(openAsAnalyst(entry.originalBlob().orElseThrow()))
                .as("the analysts' copy names nobody")
                .doesNotContain(NUMBER, ACI)
                .contains("sourceNumber", "[removed]");
        assertThat(spool.pending(10)).isEmpty();
        assertThat(spool.depth().setAside())
                .as("nothing left under the bridge key")
                .isZero();
        assertThat(new LeakScanner().identifier(NUMBER).identifier(ACI).scanTree(tmp))
                .isEmpty();
    }

    @Test
    void envelopeOverTheDepthLimitKeepsItsTextForTheAnalystsButNoIdentifier() throws Exception {
        receive("{\"envelope\":{\"sourceNumber\":\"" + NUMBER + "\",\"sourceUuid\":\"" + ACI
                + "\",\"sourceName\":\"" + NAME + "\",\"dataMessage\":{\"message\":\"Trucks at dawn\",\"x\":"
                + "[".repeat(40) + "]".repeat(40) + "}}}");

        pipeline.drain();

        String kept = openAsAnalyst(store.quarantined(10).get(0).originalBlob().orElseThrow());
        assertThat(kept).contains("Trucks at dawn").doesNotContain(NUMBER, ACI, NAME);
        assertThat(counters.malformed()).isEqualTo(1);
    }

    @Test
    void malformedEnvelopeReplayedAfterACrashIsQuarantinedOnce() throws Exception {
        receive("{\"envelope\":" + "[".repeat(40) + "]".repeat(40) + "}");
        String id = spool.pending(1).get(0);
        byte[] item = spool.read(id);

        pipeline.drain();
        spool.put(item);
        pipeline.drain();

        assertThat(store.quarantined(10)).hasSize(1);
        assertThat(counters.malformed()).as("counted once, not per replay").isEqualTo(1);
        assertThat(TestDatabases.blobCount(config)).as("one sealed copy").isEqualTo(1);
    }

    private String openAsAnalyst(String blobId) throws Exception {
        byte[] sealed;
        try (java.io.InputStream in = storage.blobs().open(blobId)) {
            sealed = in.readAllBytes();
        }
        org.tipbridge.pgp.DecryptingStream plain = PGP.decrypt(
                new java.io.ByteArrayInputStream(sealed),
                org.tipbridge.pgp.DecryptOptions.with(analyst.key(), 1 << 20));
        String text = new String(plain.readAllBytes(), StandardCharsets.UTF_8);
        plain.close();
        return text;
    }

    @Test
    void poisonedSpoolItemDoesNotBlockLaterTipsAndIsSetAsideAfterRepeatedFailures() throws Exception {
        String poisoned = spool.put("not a sealed envelope".getBytes(StandardCharsets.US_ASCII));
        for (int run = 0; run < SignalPipeline.MAX_FAILURES; run++) {
            receive(envelope(
                    ACI,
                    1764000000100L + run,
                    "{\"timestamp\":" + (1764000000100L + run) + ",\"message\":\"tip " + run + "\"}"));
            pipeline.drain();
            assertThat(store.count()).isEqualTo(run + 1);
        }

        assertThat(spool.pending(10)).isEmpty();
        assertThat(counters.setAside()).isEqualTo(1);
        assertThat(spool.depth().setAside())
                .as("kept, sealed, for the operator")
                .isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> spool.read(poisoned))
                .isInstanceOf(org.tipbridge.bridge.store.StoreException.class);
    }

    @Test
    void onlyAFailingSpoolFailsTheDrain() throws Exception {
        spool.put("not a sealed envelope".getBytes(StandardCharsets.US_ASCII));

        org.assertj.core.api.Assertions.assertThatThrownBy(pipeline::drain)
                .isInstanceOf(org.tipbridge.bridge.pipeline.IntakeException.TransientIo.class);
        assertThat(counters.setAside()).isZero();
    }

    @Test
    void sinkOfferedTheSameBytesAgainAfterAFailedPutSpoolsThemIntact() throws Exception {
        FailingOnce failing = new FailingOnce(spool);
        SignalSpoolSink flaky = new SignalSpoolSink(failing, PGP, bridgeCertificate, () -> {});
        byte[] bytes = envelope(ACI, 1764000000001L, "{\"timestamp\":1764000000001,\"message\":\"Intact.\"}")
                .getBytes(StandardCharsets.UTF_8);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> flaky.accept(bytes))
                .isInstanceOf(org.tipbridge.bridge.store.StoreException.class);
        flaky.accept(bytes);
        pipeline.drain();

        assertThat(store.count()).isEqualTo(1);
        assertThat(counters.malformed()).isZero();
    }

    @Test
    void attachmentsOfMessagesThatAreNotTipsAreDeletedToo() throws Exception {
        Path photo = Files.write(dataDir.resolve("attachments/Gr0up.jpg"), new byte[] {1, 2, 3});
        receive(envelope(
                ACI,
                9L,
                "{\"timestamp\":9,\"groupInfo\":{\"groupId\":\"Zm9v\"},\"attachments\":"
                        + "[{\"contentType\":\"image/jpeg\",\"id\":\"Gr0up.jpg\"}]}"));

        pipeline.drain();

        assertThat(store.count()).isZero();
        assertThat(Files.exists(photo)).isFalse();
    }

    /** The real spool, whose first put fails (a full disk for a moment). */
    private static final class FailingOnce implements org.tipbridge.bridge.store.Spool {
        private final org.tipbridge.bridge.store.Spool real;
        private boolean failed;

        FailingOnce(org.tipbridge.bridge.store.Spool real) {
            this.real = real;
        }

        @Override
        public String put(byte[] sealed) {
            if (!failed) {
                failed = true;
                throw new org.tipbridge.bridge.store.StoreException("simulated full disk");
            }
            return real.put(sealed);
        }

        @Override
        public List<String> pending(int limit) {
            return real.pending(limit);
        }

        @Override
        public byte[] read(String id) {
            return real.read(id);
        }

        @Override
        public void setAside(String id) {
            real.setAside(id);
        }

        @Override
        public void delete(String id) {
            real.delete(id);
        }

        @Override
        public int deleteSetAside(java.time.Instant olderThan) {
            return real.deleteSetAside(olderThan);
        }

        @Override
        public Depth depth() {
            return real.depth();
        }
    }

    /** A pipeline with fresh rate limits (as after a restart): one message per sender at once. */
    private SignalPipeline limitedToOnePerSender() {
        return new SignalPipeline(
                parts,
                new IntakeGuards(
                        new ChannelFloods(
                                Channel.SIGNAL,
                                new FloodsConfig(1, 1, 100, 100, FloodsConfig.Policy.QUARANTINE),
                                parts.secrets(),
                                Clock.systemUTC()),
                        DiskGuard.off()));
    }

    /** The store, with every quarantine write counted (and failing while {@code broken}). */
    private RecordStore countingStore(List<String> calls, AtomicBoolean broken) {
        return (RecordStore) java.lang.reflect.Proxy.newProxyInstance(
                RecordStore.class.getClassLoader(), new Class<?>[] {RecordStore.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("quarantine") && args != null && args.length > 2) {
                        calls.add(method.getName());
                        if (broken.get()) {
                            throw new IllegalStateException("database down");
                        }
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void rateLimitedEnvelopesOfAPassAreCommittedInOneTransactionBeforeTheirSpoolItemsGo() throws Exception {
        List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicBoolean broken = new AtomicBoolean(true);
        parts = new SignalPipeline.Parts(
                parts.spool(),
                parts.pgp(),
                parts.bridgeKey(),
                parts.parser(),
                parts.attachments(),
                parts.strip(),
                parts.seal(),
                countingStore(calls, broken),
                parts.clock(),
                parts.secrets(),
                parts.acks(),
                parts.counters(),
                parts.groupNotice());
        for (int i = 1; i <= 6; i++) {
            receive(envelope(
                    ACI,
                    1764000000000L + i,
                    "{\"timestamp\":" + (1764000000000L + i) + ",\"message\":\"m" + i + "\"}"));
        }
        SignalPipeline limited = limitedToOnePerSender();
        limited.drain();
        assertThat(store.count()).isEqualTo(1);
        assertThat(spool.pending(10))
                .as("rows not written: the items stay spooled")
                .hasSize(5);

        broken.set(false);
        calls.clear();
        limited.drain();
        assertThat(calls).as("one write for the pass, not one per item").containsExactly("quarantineAll");
        assertThat(store.quarantined(10)).hasSize(5);
        assertThat(spool.pending(10)).isEmpty();
    }

    @Test
    void rateLimitedEnvelopeReplayedAfterARestartStaysLimitedAndMakesNoRecord() throws Exception {
        SignalPipeline limited = limitedToOnePerSender();
        receive(envelope(ACI, 1764000000001L, "{\"timestamp\":1764000000001,\"message\":\"First.\"}"));
        limited.drain();
        receive(envelope(ACI, 1764000000002L, "{\"timestamp\":1764000000002,\"message\":\"Second.\"}"));
        byte[] item = spool.read(spool.pending(1).get(0));
        limited.drain();
        assertThat(store.quarantined(10)).hasSize(1);

        spool.put(item); // the crash came before the spool item was deleted
        limitedToOnePerSender().drain();

        assertThat(store.count()).as("the replay is no tip").isEqualTo(1);
        assertThat(store.quarantined(10)).as("and no second entry").hasSize(1);
        assertThat(spool.pending(10)).isEmpty();
    }

    @Test
    void replayedEnvelopeMakesOneRecord() throws Exception {
        String same = envelope(ACI, 1764000000001L, "{\"timestamp\":1764000000001,\"message\":\"Once.\"}");
        receive(same);
        pipeline.drain();
        receive(same);
        pipeline.drain();

        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void noNumberAciOrNameIsStoredOrSpooledInClear() throws Exception {
        receive(envelope(ACI, 1764000000001L, "{\"timestamp\":1764000000001,\"message\":\"Logs.\"}"));
        List<String> hits = new ArrayList<>(new LeakScanner()
                .identifier(NUMBER)
                .identifier(ACI)
                .identifier(NAME)
                .identifier("1764000000001")
                .scanTree(TestDatabases.dumpInto(config, tmp)));
        pipeline.drain();
        store.close();
        hits.addAll(new LeakScanner()
                .identifier(NUMBER)
                .identifier(ACI)
                .identifier(NAME)
                .identifier("+254712345678")
                .identifier("1764000000001")
                .scanTree(TestDatabases.dumpInto(config, tmp)));
        store = RecordStore.open(config);

        assertThat(hits).isEmpty();
    }
}
