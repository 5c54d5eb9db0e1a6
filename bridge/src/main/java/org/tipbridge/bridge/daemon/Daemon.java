// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.handle.Handles;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.handle.ReplyAddressBox;
import org.tipbridge.bridge.intake.imap.ImapSettings;
import org.tipbridge.bridge.intake.imap.MailIntake;
import org.tipbridge.bridge.intake.imap.MessageHandler;
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
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.MailPipeline;
import org.tipbridge.bridge.pipeline.Outcome;
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
    /** How often the status file is rewritten; the CLI calls a status older than a few periods stale. */
    public static final Duration STATUS_PERIOD = Duration.ofSeconds(10);

    private final Held held;
    private final EmbeddedMailbox mailbox;
    private final MailIntake intake;
    private final JobScheduler scheduler;
    private final Optional<OutboxDispatcher> outbox;
    private final StatusReporter status;
    private final Optional<SignalChannel> signal;

    private Daemon(
            Held held,
            EmbeddedMailbox mailbox,
            MailIntake intake,
            JobScheduler jobs,
            Optional<OutboxDispatcher> outbox,
            StatusReporter status,
            Optional<SignalChannel> signal) {
        this.held = held;
        this.mailbox = mailbox;
        this.intake = intake;
        this.scheduler = jobs;
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
            storage = Storage.open(config.store(), Clock.systemUTC());
            RecordStore store = storage.records();
            BlobStore blobs = storage.blobs();
            sweep(blobs, store);
            AnalystSeal seal =
                    new AnalystSeal(pgp, new CachedAnalysts(config.keys().analystsDir(), analystDir), blobs);
            AttachmentSealer attachments = new ScrubbingSealer(seal, Scrubber.standard(), SCRUB_LIMITS);
            Handles handles = new Handles(store, secrets, new ReplyAddressBox(secrets), new SecureRandom());
            MailPipeline pipeline = new MailPipeline(
                    new MailParser(
                            pgp, bridgeKey, config.limits(), config.intake().acceptPlaintext(), attachments),
                    new StripMail(handles, secrets),
                    seal,
                    store,
                    new CoarseClock(Clock.systemUTC(), config.intake().timeGranularity()),
                    secrets,
                    new StoredSourceKeys(handles, pgp),
                    AckPolicy.forEmail(config.acknowledgement()));
            Optional<SignalChannel> signal = SignalChannel.create(
                    config,
                    new SignalChannel.Parts(pgp, bridgeKey, handles, secrets, seal, attachments, store),
                    storage::openSignalSpool);
            Optional<OutboxDispatcher> outbox =
                    outbox(config, store, handles, secrets, pgp, bridgeKey, signal.map(SignalChannel::sender));
            RetentionJob retention = retention(config, store, blobs, signal);
            return wire(config, new Held(lock, storage, bridgeKey), new Parts(pipeline, outbox, signal, retention));
        } catch (IOException | KeyFileException | RuntimeException e) {
            new Held(lock, storage, bridgeKey).close();
            throw e;
        }
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
                signal.map(SignalChannel::spool),
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
            MailPipeline pipeline,
            Optional<OutboxDispatcher> outbox,
            Optional<SignalChannel> signal,
            RetentionJob retention) {}

    private static Daemon wire(TipbridgeConfig config, Held held, Parts parts) throws IOException {
        MailPipeline pipeline = parts.pipeline();
        Optional<OutboxDispatcher> outbox = parts.outbox();
        MailboxConfig mailboxConfig = config.mailbox();
        char[] password = SecureFiles.readSecret(mailboxConfig.passwordFile());
        try {
            EmbeddedMailbox mailbox = mailboxConfig.embedded() ? EmbeddedMailbox.start(mailboxConfig, password) : null;
            String host = mailboxConfig.embedded() ? EmbeddedMailbox.LOOPBACK : mailboxConfig.host();
            JobScheduler jobs = JobScheduler.inMemory("tipbridge", 2);
            Runnable wakeOutbox = outbox.isPresent() ? () -> jobs.runNow(OUTBOX_JOB) : () -> {};
            MailIntake intake = new MailIntake(
                    mailboxConfig, host, password, config.limits().maxMessageBytes(), handlerFor(pipeline, wakeOutbox));
            Duration poll = ImapSettings.pollInterval(mailboxConfig);
            jobs.every("mailbox-poll", poll, poll, intake::poll);
            scheduleOutbox(config, jobs, outbox);
            scheduleRetention(jobs, config.retention(), parts.retention());
            StatusReporter status = new StatusReporter(
                    DaemonStatus.file(config),
                    intake,
                    parts.signal(),
                    new CoarseClock(Clock.systemUTC(), config.intake().timeGranularity()),
                    Clock.systemUTC());
            jobs.every("status", STATUS_PERIOD, Duration.ZERO, status::running);
            intake.start();
            jobs.start();
            // Last: once subscribed, signal-cli hands over messages it will not keep.
            parts.signal().ifPresent(s -> s.start(jobs, wakeOutbox));
            LOG.info("tipbridge running ({} mailbox)", mailboxConfig.embedded() ? "embedded" : "external");
            return new Daemon(held, mailbox, intake, jobs, outbox, status, parts.signal());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static void scheduleOutbox(TipbridgeConfig config, JobScheduler jobs, Optional<OutboxDispatcher> outbox) {
        if (outbox.isEmpty()) {
            LOG.warn("replies cannot leave: [outbound] smtp_host is empty and the mailbox is external;"
                    + " they wait in the outbox until it is set");
            return;
        }
        outbox.get().recover();
        Duration period = config.outbound().pollInterval();
        jobs.every(OUTBOX_JOB, period, Duration.ofSeconds(1), outbox.get()::runOnce);
    }

    private static MessageHandler handlerFor(MailPipeline pipeline, Runnable wakeOutbox) {
        return new MessageHandler() {
            @Override
            public Outcome handle(java.io.InputStream raw, String upstreamId) throws IntakeException.TransientIo {
                return pipeline.ingest(raw, upstreamId);
            }

            @Override
            public Outcome oversize(String upstreamId) throws IntakeException.TransientIo {
                return pipeline.rejectOversize(upstreamId);
            }

            @Override
            public void flush() throws IntakeException.TransientIo {
                if (pipeline.flush()) {
                    wakeOutbox.run();
                }
            }
        };
    }

    /** Graceful stop: the message in hand is finished and committed first. */
    @Override
    public void close() {
        LOG.info("stopping");
        try {
            // A send in progress finishes (or times out); no further one starts.
            outbox.ifPresent(OutboxDispatcher::stop);
            signal.ifPresent(SignalChannel::stopReceiving);
            scheduler.stop(Duration.ofSeconds(10));
            signal.ifPresent(SignalChannel::close);
            intake.stop(STOP_GRACE);
            status.stopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (mailbox != null) {
                mailbox.close();
            }
            held.close();
            LOG.info("stopped");
        }
    }
}
