// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.tipbridge.bridge.intake.signal.GroupNotice;
import org.tipbridge.bridge.intake.signal.SignalAttachments;
import org.tipbridge.bridge.intake.signal.SignalCounters;
import org.tipbridge.bridge.intake.signal.SignalPipeline;
import org.tipbridge.bridge.intake.signal.SignalSpoolSink;
import org.tipbridge.bridge.outbox.SignalSender;
import org.tipbridge.bridge.pipeline.AckPolicy;
import org.tipbridge.bridge.pipeline.CoarseClock;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.StripSignal;
import org.tipbridge.signal.EnvelopeParser;
import org.tipbridge.signal.EnvelopeSink;
import org.tipbridge.signal.FakeSignalCli;
import org.tipbridge.signal.SignalLimits;
import org.tipbridge.signal.SignalReceiver;

/**
 * The Signal intake as the daemon wires it (SignalChannel): a real {@link SignalReceiver} on a
 * UNIX socket to {@link FakeSignalCli}, the {@link SignalSpoolSink} and the {@link SignalPipeline}
 * over the fixture's store. A case's line is written to the socket verbatim, followed by a
 * sentinel notification; once the sentinel reached the sink, every effect of the case's line is
 * in the spool, and one drain turns it into records or quarantine rows.
 */
final class SignalLane implements AutoCloseable {
    private static final String SENTINEL = "{\"hostileSentinel\":";
    private final FakeSignalCli cli;
    private final SignalReceiver receiver;
    private final SignalPipeline pipeline;
    private final Semaphore sentinels = new Semaphore(0);
    private final AtomicLong serial = new AtomicLong();

    SignalLane(HostileFixture fixture, Path dir) throws IOException, InterruptedException {
        Path dataDir = Files.createDirectories(dir.resolve("signal-cli"));
        Files.createDirectories(dataDir.resolve("attachments"));
        var spool = fixture.storage.openSignalSpool();
        SignalCounters counters = new SignalCounters();
        pipeline = new SignalPipeline(new SignalPipeline.Parts(
                spool,
                HostileFixture.PGP,
                fixture.bridgeKey,
                new EnvelopeParser(SignalLimits.DEFAULT),
                new SignalAttachments(
                        dataDir, fixture.attachments, fixture.config.limits().maxMessageBytes()),
                new StripSignal(fixture.handles, fixture.secrets),
                fixture.seal,
                fixture.store,
                new CoarseClock(Clock.systemUTC(), fixture.config.intake().timeGranularity()),
                fixture.secrets,
                AckPolicy.forSignal(fixture.config.acknowledgement()),
                counters,
                new GroupNotice(
                        Optional.empty(), SignalSender.NONE, fixture.store.groupNotices(), fixture.secrets, counters)));
        SignalSpoolSink sink = new SignalSpoolSink(spool, HostileFixture.PGP, fixture.bridgeCertificate, () -> {});
        cli = FakeSignalCli.start(dir);
        receiver = SignalReceiver.start(
                cli.endpoint(FakeSignalCli.Transport.UNIX),
                Optional.empty(),
                SignalLimits.DEFAULT,
                new SentinelCatcher(sink),
                Duration.ofMillis(50),
                Duration.ofMillis(200));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (receiver.state() != SignalReceiver.State.CONNECTED) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the receiver did not subscribe");
            }
            Thread.sleep(10);
        }
    }

    /** Writes the case's line, waits until the receiver handled it, then drains the spool once. */
    void deliver(HostileCase c) throws IOException, InterruptedException, IntakeException.TransientIo {
        byte[] line;
        try (InputStream in = c.open()) {
            line = in.readAllBytes();
        }
        cli.writeLineNow(line);
        String sentinel = "{\"jsonrpc\":\"2.0\",\"method\":\"receive\",\"params\":{\"subscription\":0,\"result\":"
                + SENTINEL + serial.incrementAndGet() + "}}}";
        cli.writeLineNow(sentinel.getBytes(StandardCharsets.UTF_8));
        if (!sentinels.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the receiver did not get past the case's line");
        }
        pipeline.drain();
    }

    /** Lines the receiver skipped unread because they were over the length limit. */
    long refusedLines() {
        return receiver.refusedLines();
    }

    @Override
    public void close() throws IOException {
        receiver.close();
        cli.close();
    }

    /** Passes everything to the real sink except the sentinel, which it counts. */
    private final class SentinelCatcher implements EnvelopeSink {
        private final EnvelopeSink sink;

        SentinelCatcher(EnvelopeSink sink) {
            this.sink = sink;
        }

        @Override
        public void accept(byte[] resultJson) throws Exception {
            if (new String(resultJson, 0, Math.min(resultJson.length, SENTINEL.length()), StandardCharsets.UTF_8)
                    .equals(SENTINEL)) {
                sentinels.release();
                return;
            }
            sink.accept(resultJson);
        }

        @Override
        public void acceptUnreadable(byte[] line) throws Exception {
            sink.acceptUnreadable(line);
        }
    }
}
