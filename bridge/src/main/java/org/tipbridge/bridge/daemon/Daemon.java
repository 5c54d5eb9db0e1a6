// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.flood.DiskGuard;
import org.tipbridge.bridge.flood.Floods;
import org.tipbridge.bridge.flood.IntakeGuards;
import org.tipbridge.bridge.handle.Handles;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.handle.ReplyAddressBox;
import org.tipbridge.bridge.intake.imap.ImapSettings;
import org.tipbridge.bridge.intake.imap.MailIntake;
import org.tipbridge.bridge.intake.mail.MailParser;
import org.tipbridge.bridge.keys.AnalystDirectory;
import org.tipbridge.bridge.keys.BridgeKey;
import org.tipbridge.bridge.keys.CertificateCache;
import org.tipbridge.bridge.keys.KeyFileException;
import org.tipbridge.bridge.outbox.MailTransport;
import org.tipbridge.bridge.outbox.OutboxDispatcher;
import org.tipbridge.bridge.outbox.SignalSender;
import org.tipbridge.bridge.pipeline.AckPolicy;
import org.tipbridge.bridge.pipeline.AnalystSeal;
import org.tipbridge.bridge.pipeline.AttachmentSealer;
import org.tipbridge.bridge.pipeline.CoarseClock;
import org.tipbridge.bridge.pipeline.MailPipeline;
import org.tipbridge.bridge.pipeline.ScrubbingSealer;
import org.tipbridge.bridge.pipeline.StripMail;
import org.tipbridge.bridge.retention.Purge;
import org.tipbridge.bridge.retention.RetentionJob;
import org.tipbridge.bridge.retention.RetentionPolicy;
import org.tipbridge.bridge.store.BlobStore;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.Storage;
import org.tipbridge.conf.MailboxConfig;
import org.tipbridge.conf.RetentionConfig;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;
import org.tipbridge.scheduler.JobScheduler;
import org.tipbridge.scrub.ScrubLimits;
import org.tipbridge.scrub.Scrubber;

/** The running daemon: everything is wired here, in one visible place, and stopped in reverse order. */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    /**
     * What one attachment's cleaning may hold in memory: 32 MiB for a PDF, TIFF or office file
     * (larger ones are kept as originals only, and briefly twice that while read in). At most
     * {@link ScrubbingSealer#CONCURRENT} cleanings run at once, whatever the number of intake
     * workers, so they fit the default 512 MiB heap.
     */
    static final ScrubLimits SCRUB_LIMITS = new ScrubLimits(32L << 20, 100_000, 16, 256L << 20, 100, 200_000_000L);

    private static final String OUTBOX_JOB = "outbox";
    private static final String MAILBOX_LEASE = "mailbox";
    private static final String SIGNAL_LEASE = "signal";
    /** How often the status file is rewritten; the CLI calls a status older than a few periods stale. */
    public static final Duration STATUS_PERIOD = Duration.ofSeconds(10);

    private final Held held;
    private final EmbeddedMailbox mailbox;
    private final LeasedMailIntake mail;
    private final NodeJobs jobs;
    private final Optional<OutboxDispatcher> outbox;
    private final StatusReporter status;
    private final Optional<SignalChannel> signal;

    private Daemon(
            Held held,
            EmbeddedMailbox mailbox,
            LeasedMailIntake mail,
            NodeJobs jobs,
            Optional<OutboxDispatcher> outbox,
            StatusReporter status,
            Optional<SignalChannel> signal) {
        this.held = held;
        this.mailbox = mailbox;
        this.mail = mail;
        this.jobs = jobs;
        this.outbox = outbox;
        this.status = status;
        this.signal = signal;
    }

    public static Daemon start(TipbridgeConfig config, Map<String, String> env) throws IOException, KeyFileException {
        InstanceLock lock = InstanceLock.acquire(config.store().blobDir().resolveSibling("daemon.lock"));
        OpenPgp pgp = new CertificateCache(OpenPgp.create());
        SecretKey bridgeKey = null;
        Storage storage = null;
        try {
            bridgeKey = BridgeKey.unlock(pgp, config.keys(), env);
            AnalystDirectory analystDir = new AnalystDirectory(config.keys().analystsDir(), pgp);
            if (analystDir.all().isEmpty()) {
                throw new KeyFileException("no analyst certificate in "
                        + config.keys().analystsDir() + "; add one with `tipbridge analysts add --home DIR FILE`");
            }
            MappingSecrets secrets = MappingSecrets.load(config.keys().mappingSecrets());
            Floods floods =
                    Floods.create(config.floods(), secrets, DiskGuard.forStore(config.store()), Clock.systemUTC());
            storage = Storage.open(config.store(), Clock.systemUTC());
            RecordStore store = storage.records();
            BlobStore blobs = storage.blobs();
            sweep(blobs, store);
            AnalystSeal seal =
                    new AnalystSeal(pgp, new CachedAnalysts(config.keys().analystsDir(), analystDir), blobs);
            AttachmentSealer attachments = new ScrubbingSealer(seal, Scrubber.standard(), SCRUB_LIMITS);
            Handles handles = new Handles(store, secrets, new ReplyAddressBox(secrets), new SecureRandom());
            Supplier<MailPipeline> pipelines =
                    mailPipelines(config, new MailParts(pgp, bridgeKey, attachments, handles, secrets, seal, store));
            Optional<SignalChannel> signal = SignalChannel.create(
                    config,
                    new SignalChannel.Parts(pgp, bridgeKey, handles, secrets, seal, attachments, store),
                    storage::openSignalSpool,
                    new IntakeGuards(floods.signal(), floods.disk()));
            Optional<OutboxDispatcher> outbox =
                    outbox(config, store, handles, secrets, pgp, bridgeKey, signal.map(SignalChannel::sender));
            RetentionJob retention = retention(config, store, blobs, signal);
            return wire(
                    config,
                    new Held(lock, storage, bridgeKey),
                    new Parts(
                            pipelines,
                            outbox,
                            signal,
                            retention,
                            new QuarantineSide(
                                    seal,
                                    store.quarantines(),
                                    blobs,
                                    config.limits().maxMessageBytes()),
                            floods));
        } catch (IOException | KeyFileException | RuntimeException e) {
            new Held(lock, storage, bridgeKey).close();
            throw e;
        }
    }

    /** What an e-mail pipeline is made of. */
    private record MailParts(
            OpenPgp pgp,
            SecretKey bridgeKey,
            AttachmentSealer attachments,
            Handles handles,
            MappingSecrets secrets,
            AnalystSeal seal,
            RecordStore store) {}

    /**
     * A fresh pipeline (and so a fresh commit batch) for every term of the mailbox lease: an intake
     * of an earlier term still finishing can never commit, or settle upstream, this term's mail.
     */
    private static Supplier<MailPipeline> mailPipelines(TipbridgeConfig config, MailParts p) {
        return () -> new MailPipeline(
                new MailParser(
                        p.pgp(), p.bridgeKey(), config.limits(), config.intake().acceptPlaintext(), p.attachments()),
                new StripMail(p.handles(), p.secrets()),
                p.seal(),
                p.store(),
                new CoarseClock(Clock.systemUTC(), config.intake().timeGranularity()),
                p.secrets(),
                new StoredSourceKeys(p.handles(), p.pgp()),
                AckPolicy.forEmail(config.acknowledgement()));
    }

    private static Optional<OutboxDispatcher> outbox(
            TipbridgeConfig config,
            RecordStore store,
            Handles handles,
            MappingSecrets secrets,
            OpenPgp pgp,
            SecretKey bridgeKey,
            Optional<SignalSender> signal)
            throws IOException {
        Optional<MailTransport> mail = OutboundTransport.choose(config);
        if (mail.isEmpty() && signal.isEmpty()) {
            return Optional.empty();
        }
        if (mail.isEmpty()) {
            LOG.warn("e-mail replies cannot leave: [outbound] smtp_host is empty and the mailbox is external;"
                    + " they wait in the outbox until it is set");
        }
        return Optional.of(OutboxDispatcher.create(
                store.outbox(),
                handles,
                secrets,
                pgp,
                bridgeKey,
                config,
                mail.orElse(MailTransport.NONE),
                signal.orElse(SignalSender.NONE),
                Clock.systemUTC()));
    }

    private static RetentionJob retention(
            TipbridgeConfig config, RecordStore store, BlobStore blobs, Optional<SignalChannel> signal) {
        Purge purge = new Purge(
                store,
                blobs,
                Optional.empty(), // set-aside Signal items are this node's: SignalChannel expires them
                new RetentionPolicy(config.retention()),
                Clock.systemUTC(),
                RetentionJob.ACTOR);
        return new RetentionJob(purge, store, Clock.systemUTC());
    }

    /** The retention job, every {@code [retention] run_minutes}, first a minute after start-up. */
    static void scheduleRetention(JobScheduler jobs, RetentionConfig config, Runnable job) {
        jobs.every(RetentionJob.NAME, config.runEvery(), Duration.ofMinutes(1), job);
    }

    private static void sweep(BlobStore blobs, RecordStore store) {
        int swept = blobs.sweep(store.referencedBlobs());
        if (swept > 0) {
            LOG.info("removed {} unreferenced blob(s) left by an earlier crash", swept);
        }
    }

    /** What the daemon holds open, released in reverse order; any part may be missing after a failed start. */
    private record Held(InstanceLock lock, Storage storage, SecretKey bridgeKey) implements AutoCloseable {
        @Override
        public void close() {
            if (storage != null) {
                storage.close();
            }
            if (bridgeKey != null) {
                bridgeKey.destroy();
            }
            lock.close();
        }
    }

    /** The channels and jobs built in {@link #start}, handed to {@link #wire}. */
    private record Parts(
            Supplier<MailPipeline> pipelines,
            Optional<OutboxDispatcher> outbox,
            Optional<SignalChannel> signal,
            RetentionJob retention,
            QuarantineSide quarantine,
            Floods floods) {}

    private static Daemon wire(TipbridgeConfig config, Held held, Parts parts) throws IOException {
        MailboxConfig mailboxConfig = config.mailbox();
        char[] password = SecureFiles.readSecret(mailboxConfig.passwordFile());
        EmbeddedMailbox mailbox = null;
        NodeJobs jobs = null;
        LeasedMailIntake mail = null;
        try {
            mailbox = mailboxConfig.embedded() ? EmbeddedMailbox.start(mailboxConfig, password) : null;
            jobs = NodeJobs.create(config.cluster(), held.storage().sharedDataSource());
            JobScheduler shared = jobs.shared();
            Runnable wakeOutbox = parts.outbox().isPresent() ? () -> shared.runNow(OUTBOX_JOB) : () -> {};
            mail = mailIntake(config, parts, wakeOutbox, password, jobs.leaseTtl());
            StatusReporter status = schedule(config, jobs, mail, parts, wakeOutbox);
            jobs.start();
            LOG.info(
                    "tipbridge running ({} mailbox, {})",
                    mailboxConfig.embedded() ? "embedded" : "external",
                    jobs.clustered() ? "node " + jobs.nodeId() + " of a cluster" : "single node");
            return new Daemon(held, mailbox, mail, jobs, parts.outbox(), status, parts.signal());
        } catch (RuntimeException e) {
            abandon(mailbox, jobs, mail, parts.signal());
            throw e;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Registers every job and lease of this node; returns the status reporter it scheduled. */
    private static StatusReporter schedule(
            TipbridgeConfig config, NodeJobs jobs, LeasedMailIntake mail, Parts parts, Runnable wakeOutbox) {
        Duration poll = ImapSettings.pollInterval(config.mailbox());
        jobs.local().every("mailbox-poll", poll, poll, mail::poll);
        scheduleOutbox(config, jobs.shared(), parts.outbox());
        scheduleRetention(jobs.shared(), config.retention(), parts.retention());
        StatusReporter status = new StatusReporter(
                DaemonStatus.file(config),
                mail,
                parts.signal(),
                parts.floods(),
                new CoarseClock(Clock.systemUTC(), config.intake().timeGranularity()),
                Clock.systemUTC());
        jobs.local().every("status", STATUS_PERIOD, Duration.ZERO, status::running);
        jobs.lease(MAILBOX_LEASE, mail);
        parts.signal().ifPresent(s -> {
            // The spool is this node's: drained, and its set-aside items expired, here.
            s.schedule(jobs.local(), wakeOutbox, config.retention());
            // Once subscribed, signal-cli hands over messages it will not keep: the lease starts
            // the receiver only after the scheduler that drains the spool runs.
            jobs.lease(SIGNAL_LEASE, s.subscription());
        });
        return status;
    }

    /** A start that failed half-way: whatever was started is stopped again. */
    private static void abandon(
            EmbeddedMailbox mailbox, NodeJobs jobs, LeasedMailIntake mail, Optional<SignalChannel> signal) {
        if (jobs != null) {
            jobs.stopLeases();
            jobs.stopJobs(Duration.ZERO);
        }
        signal.ifPresent(SignalChannel::close);
        if (mail != null) {
            mail.close();
        }
        if (mailbox != null) {
            mailbox.close();
        }
    }

    /** The mailbox connection, opened on whichever node holds the mailbox lease. */
    private static LeasedMailIntake mailIntake(
            TipbridgeConfig config, Parts parts, Runnable wakeOutbox, char[] password, Duration leaseTtl) {
        MailboxConfig mailboxConfig = config.mailbox();
        String host = mailboxConfig.embedded() ? EmbeddedMailbox.LOOPBACK : mailboxConfig.host();
        IntakeGuards guards =
                new IntakeGuards(parts.floods().email(), parts.floods().disk());
        return new LeasedMailIntake(
                secret -> {
                    MailPipeline pipeline = parts.pipelines().get();
                    return new MailIntake(
                            mailboxConfig,
                            host,
                            secret,
                            config.limits().maxMessageBytes(),
                            new PipelineHandler(pipeline, parts.quarantine().copies(), wakeOutbox),
                            Optional.of(parts.quarantine().requests(pipeline, wakeOutbox)),
                            guards);
                },
                password,
                leaseTtl.dividedBy(4));
    }

    private static void scheduleOutbox(TipbridgeConfig config, JobScheduler jobs, Optional<OutboxDispatcher> outbox) {
        if (outbox.isEmpty()) {
            LOG.warn("replies cannot leave: [outbound] smtp_host is empty and the mailbox is external;"
                    + " they wait in the outbox until it is set");
            return;
        }
        // Each run first re-queues this dispatcher's own leftovers and other dispatchers' stale
        // claims, never a send another node may still be making (decision 13). On SQLite this
        // daemon holds the home's instance lock, so whatever is left sending was left by a crash.
        if (!config.store().postgresql()) {
            outbox.get().recoverAll();
        }
        Duration period = config.outbound().pollInterval();
        jobs.every(OUTBOX_JOB, period, Duration.ofSeconds(1), outbox.get()::runOnce);
    }

    /** Graceful stop: the message in hand is finished and committed first. */
    @Override
    public void close() {
        LOG.info("stopping");
        try {
            // A send in progress finishes (or times out); no further one starts.
            outbox.ifPresent(OutboxDispatcher::stop);
            mail.stopping(STOP_GRACE);
            // Leases go first: the mailbox and Signal connections close (the message in hand is
            // committed), and another node may take them over at once.
            jobs.stopLeases();
            signal.ifPresent(SignalChannel::stopReceiving);
            jobs.stopJobs(Duration.ofSeconds(10));
            signal.ifPresent(SignalChannel::close);
            status.stopped();
        } finally {
            mail.close();
            if (mailbox != null) {
                mailbox.close();
            }
            held.close();
            LOG.info("stopped");
        }
    }
}
