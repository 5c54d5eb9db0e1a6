// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.flood.DiskGuard;
import org.tipbridge.bridge.flood.IntakeGuards;
import org.tipbridge.bridge.handle.Handles;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.intake.signal.GroupNotice;
import org.tipbridge.bridge.intake.signal.SignalAttachments;
import org.tipbridge.bridge.intake.signal.SignalCliAttachmentFetcher;
import org.tipbridge.bridge.intake.signal.SignalCounters;
import org.tipbridge.bridge.intake.signal.SignalPipeline;
import org.tipbridge.bridge.intake.signal.SignalSpoolSink;
import org.tipbridge.bridge.keys.KeyFileException;
import org.tipbridge.bridge.outbox.SignalCliSender;
import org.tipbridge.bridge.outbox.SignalSender;
import org.tipbridge.bridge.pipeline.AckPolicy;
import org.tipbridge.bridge.pipeline.AnalystSeal;
import org.tipbridge.bridge.pipeline.AttachmentSealer;
import org.tipbridge.bridge.pipeline.CoarseClock;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.StripSignal;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.Spool;
import org.tipbridge.bridge.store.StoreException;
import org.tipbridge.conf.RetentionConfig;
import org.tipbridge.conf.SignalConfig;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.SecretKey;
import org.tipbridge.scheduler.JobScheduler;
import org.tipbridge.scheduler.LeaseKeeper;
import org.tipbridge.signal.Endpoint;
import org.tipbridge.signal.EnvelopeParser;
import org.tipbridge.signal.SignalLimits;
import org.tipbridge.signal.SignalReceiver;

/**
 * The Signal channel, wired: signal-cli notifications are sealed into the spool as they arrive
 * ({@link SignalSpoolSink}), and a job drains the spool into records ({@link SignalPipeline}).
 * Replies and acknowledgements go out through {@link #sender()} (the outbox job).
 */
final class SignalChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignalChannel.class);
    static final String DRAIN_JOB = "signal-spool";
    private static final String SPOOL_RETENTION_JOB = "signal-spool-retention";
    private static final Duration DRAIN_PERIOD = Duration.ofSeconds(5);
    private static final Duration NOTICE_TIMEOUT = Duration.ofSeconds(10);
    /** getAttachment answers with up to 64 MiB of base64: give signal-cli time to read and encode it. */
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(60);

    private final SignalConfig config;
    private final Spool spool;
    private final SignalPipeline pipeline;
    private final OpenPgp pgp;
    private final Certificate bridge;
    private final SignalCounters counters;
    private volatile SignalReceiver receiver;
    private final DiskGuard disk;
    /** Whether this node holds the Signal lease (it may still not receive: disk nearly full). */
    private volatile boolean subscribed;

    private volatile JobScheduler drainJobs;
    /** The last envelope seen by an earlier receiver of this node (the subscription can move). */
    private volatile Instant lastEnvelope;

    private volatile Runnable wakeOutbox = () -> {};
    private volatile Instant started;
    private volatile boolean spoolListed = true;
    private final Optional<QuietAlarm> quietAlarm;
    private final GroupNotice groupNotice;
    private final SignalCliAttachmentFetcher fetcher;
    private final SignalCliSender outboxSender;
    private final SignalCliSender noticeSender;

    private SignalChannel(
            SignalConfig config,
            Spool spool,
            SignalPipeline pipeline,
            OpenPgp pgp,
            Certificate bridge,
            SignalCounters counters,
            Closables closables,
            DiskGuard disk) {
        this.disk = disk;
        this.groupNotice = closables.groupNotice();
        this.fetcher = closables.fetcher();
        this.noticeSender = closables.noticeSender();
        this.config = config;
        this.spool = spool;
        this.pipeline = pipeline;
        this.pgp = pgp;
        this.bridge = bridge;
        this.counters = counters;
        this.quietAlarm = config.quietAlarm().map(hours -> new QuietAlarm("Signal", hours));
        this.outboxSender = new SignalCliSender(endpoint(config), config.account(), Duration.ofSeconds(30));
    }

    /** The channel when {@code [signal]} names a socket or TCP address; empty otherwise. */
    static Optional<SignalChannel> create(
            TipbridgeConfig config, Parts parts, Supplier<Spool> openSpool, IntakeGuards guards)
            throws KeyFileException {
        if (!config.signal().enabled()) {
            return Optional.empty();
        }
        warnIfNoAttachmentsFolder(config.signal());
        Spool spool = openSpool.get();
        SignalCounters counters = new SignalCounters();
        SignalCliSender noticeSender =
                new SignalCliSender(endpoint(config.signal()), config.signal().account(), NOTICE_TIMEOUT);
        GroupNotice groupNotice = GroupNotice.inBackground(
                config.signal().groupNotice(), noticeSender, parts.store().groupNotices(), parts.secrets(), counters);
        SignalCliAttachmentFetcher fetcher = new SignalCliAttachmentFetcher(
                endpoint(config.signal()), config.signal().account(), FETCH_TIMEOUT);
        SignalPipeline pipeline = new SignalPipeline(
                new SignalPipeline.Parts(
                        spool,
                        parts.pgp(),
                        parts.bridgeKey(),
                        new EnvelopeParser(SignalLimits.DEFAULT),
                        new SignalAttachments(
                                config.signal().dataDir(),
                                parts.attachments(),
                                config.limits().maxMessageBytes(),
                                fetcher),
                        new StripSignal(parts.handles(), parts.secrets()),
                        parts.seal(),
                        parts.store(),
                        new CoarseClock(Clock.systemUTC(), config.intake().timeGranularity()),
                        parts.secrets(),
                        AckPolicy.forSignal(config.acknowledgement()),
                        counters,
                        groupNotice),
                guards);
        Certificate bridge = bridgeCertificate(config, parts.pgp());
        return Optional.of(new SignalChannel(
                config.signal(),
                spool,
                pipeline,
                parts.pgp(),
                bridge,
                counters,
                new Closables(groupNotice, noticeSender, fetcher),
                guards.disk()));
    }

    /**
     * {@code data_dir} must be signal-cli's {@code --config} directory; pointed at its {@code data/}
     * (as older guides said), every attachment would be recorded as missing and stay there in clear.
     */
    private static void warnIfNoAttachmentsFolder(SignalConfig signal) {
        Path attachments = signal.dataDir().resolve("attachments");
        if (!Files.isDirectory(attachments)) {
            LOG.warn(
                    "[signal] data_dir has no attachments folder ({} is missing): it must be signal-cli's --config"
                            + " directory, e.g. /var/lib/signal-cli; until then attachments are recorded as missing",
                    attachments);
        }
    }

    /** What the channel shares with the rest of the daemon. */
    record Parts(
            OpenPgp pgp,
            SecretKey bridgeKey,
            Handles handles,
            MappingSecrets secrets,
            AnalystSeal seal,
            AttachmentSealer attachments,
            RecordStore store) {}

    /** The spool, for retention (set-aside items). */
    Spool spool() {
        return spool;
    }

    /**
     * Registers the spool drain and the expiry of set-aside items on this node's scheduler (the
     * spool is a local directory: what this node received, this node records, also after it lost
     * the Signal lease; attachment files are where this node's signal-cli put them); the receiver
     * starts when this node gains the Signal lease.
     */
    void schedule(JobScheduler jobs, Runnable wakeOutbox, RetentionConfig retention) {
        this.wakeOutbox = wakeOutbox;
        this.started = Instant.now();
        this.drainJobs = jobs;
        jobs.every(DRAIN_JOB, DRAIN_PERIOD, Duration.ZERO, this::drain);
        retention
                .quarantine()
                .ifPresent(keep -> jobs.every(
                        SPOOL_RETENTION_JOB, retention.runEvery(), Duration.ofMinutes(1), () -> expireSetAside(keep)));
    }

    /** Deletes set-aside items older than {@code [retention] quarantine_days}. */
    private void expireSetAside(Duration keep) {
        try {
            int deleted = spool.deleteSetAside(Instant.now().minus(keep));
            if (deleted > 0) {
                LOG.info("deleted {} set-aside Signal item(s) past the quarantine period", deleted);
            }
        } catch (StoreException e) {
            LOG.warn("set-aside Signal items could not be expired; trying again at the next run", e);
        }
    }

    /** The Signal subscription, held by one node at a time. */
    LeaseKeeper.Listener subscription() {
        return new LeaseKeeper.Listener() {
            @Override
            public void onGained() {
                subscribed = true;
                startReceiving();
            }

            @Override
            public void onLost() {
                subscribed = false;
                closeReceiver();
            }
        };
    }

    private synchronized void startReceiving() {
        if (receiver != null || drainJobs == null || !subscribed || !disk.accepting()) {
            return;
        }
        JobScheduler jobs = drainJobs;
        SignalSpoolSink sink = new SignalSpoolSink(spool, pgp, bridge, () -> jobs.runNow(DRAIN_JOB));
        receiver = SignalReceiver.start(
                endpoint(), config.account(), SignalLimits.DEFAULT, sink, Duration.ofSeconds(1), Duration.ofMinutes(5));
        LOG.info("this node now receives Signal messages");
    }

    private synchronized void closeReceiver() {
        SignalReceiver r = receiver;
        receiver = null;
        if (r != null) {
            lastSeen(r);
            r.close();
            LOG.info("this node no longer receives Signal messages");
        }
    }

    /** What the channel opens besides the receiver, closed at stop. */
    private record Closables(
            GroupNotice groupNotice, SignalCliSender noticeSender, SignalCliAttachmentFetcher fetcher) {}

    /** Sends replies and acknowledgements through the same signal-cli daemon. */
    SignalSender sender() {
        return outboxSender;
    }

    /** Receiver state for {@code tipbridge status}: connected, reconnecting or stopped. */
    String state() {
        SignalReceiver r = receiver;
        if (r == null) {
            return drainJobs == null ? "stopped" : "standby";
        }
        return switch (r.state()) {
            case CONNECTED -> "connected";
            case STOPPED -> "stopped";
            default -> "reconnecting";
        };
    }

    Optional<Instant> lastMessage() {
        SignalReceiver r = receiver;
        if (r != null) {
            lastSeen(r);
        }
        return Optional.ofNullable(lastEnvelope);
    }

    private synchronized void lastSeen(SignalReceiver r) {
        r.lastEnvelope().ifPresent(at -> {
            if (lastEnvelope == null || at.isAfter(lastEnvelope)) {
                lastEnvelope = at;
            }
        });
    }

    /** The channel's entry in the status file: no identifier, times coarse. */
    DaemonStatus.Channel health(boolean running, CoarseClock coarse, Instant now) {
        Optional<Spool.Depth> depth = depth();
        SignalReceiver r = receiver;
        return new DaemonStatus.Channel(
                running ? state() : "stopped",
                lastMessage().map(t -> coarse.coarsen(t).toString()).orElse(null),
                counters.exceptions(),
                r == null ? null : r.upstreamVersion().orElse(null),
                r == null ? 0L : r.refusedLines(),
                depth.map(Spool.Depth::pending).orElse(null),
                depth.map(Spool.Depth::setAside).orElse(null),
                quietAlarm.map(a -> quiet(a, now)).orElse(null));
    }

    /** The spool's depth; empty when it cannot be listed (the status file is written anyway). */
    private Optional<Spool.Depth> depth() {
        try {
            Optional<Spool.Depth> depth = Optional.of(spool.depth());
            spoolListed = true;
            return depth;
        } catch (StoreException e) {
            if (spoolListed) {
                LOG.warn("the Signal spool could not be listed for the status", e);
            }
            spoolListed = false;
            return Optional.empty();
        }
    }

    private boolean quiet(QuietAlarm alarm, Instant now) {
        if (receiver == null) {
            return false; // on standby: the node holding the subscription raises the alarm
        }
        Instant since = lastMessage().orElse(started);
        return since != null && alarm.check(since, now);
    }

    SignalCounters counters() {
        return counters;
    }

    private void drain() {
        followDiskSpace();
        try {
            if (pipeline.drain()) {
                wakeOutbox.run();
            }
        } catch (IntakeException.TransientIo | RuntimeException e) {
            LOG.warn("Signal messages wait in the spool; trying again shortly", e);
        }
    }

    /**
     * Disk nearly full: unsubscribe, so signal-cli stops taking messages and Signal's server keeps
     * them; subscribe again once there is room (checked with every drain run, every 5 s).
     */
    private void followDiskSpace() {
        if (disk.accepting()) {
            if (subscribed && receiver == null) {
                startReceiving();
            }
        } else if (receiver != null) {
            closeReceiver();
        }
    }

    private Endpoint endpoint() {
        return endpoint(config);
    }

    private static Endpoint endpoint(SignalConfig config) {
        if (config.socket().isPresent()) {
            return new Endpoint.Unix(config.socket().get());
        }
        return new Endpoint.Tcp(
                config.tcp().orElseThrow().host(), config.tcp().get().port());
    }

    private static Certificate bridgeCertificate(TipbridgeConfig config, OpenPgp pgp) throws KeyFileException {
        try (InputStream in = Files.newInputStream(config.keys().bridgeKey())) {
            return pgp.readCertificates(in).get(0);
        } catch (IOException | PgpException | IndexOutOfBoundsException e) {
            throw new KeyFileException("cannot read the bridge key's public part from "
                    + config.keys().bridgeKey());
        }
    }

    /**
     * First step of a stop, before the scheduler stops: no more notifications are taken, and an
     * attachment being fetched is abandoned (its tip stays in the spool). What is in the spool
     * stays there for the next start.
     */
    void stopReceiving() {
        subscribed = false;
        closeReceiver();
        fetcher.close();
    }

    /** Last step of a stop, once the drain job has ended: a group notice being sent gets a moment. */
    @Override
    public void close() {
        stopReceiving();
        groupNotice.close(NOTICE_TIMEOUT);
        noticeSender.close();
        outboxSender.close();
    }
}
