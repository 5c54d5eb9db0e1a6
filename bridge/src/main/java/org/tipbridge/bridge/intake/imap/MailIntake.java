// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.flood.IntakeGuards;
import org.tipbridge.bridge.store.QuarantineEntry;
import org.tipbridge.conf.MailboxConfig;

/**
 * Reads the mailbox on its own thread: drain every message, then wait in IMAP IDLE (or for the
 * poll job) until more arrive; reconnects with growing backoff when the server goes away.
 */
public final class MailIntake {
    private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);
    /** Threads that parse, verify and seal small messages; the mailbox thread feeds them. */
    private static final int WORKERS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private static final Duration WAKE_WHILE_STOPPING = Duration.ofSeconds(1);

    private final MailboxConfig config;
    private final String host;
    private final char[] password;
    private final long maxMessageBytes;
    private final MessageHandler handler;
    private final Optional<QuarantineRequests> requests;
    private final IntakeGuards guards;
    private final AtomicReference<ImapSession> current = new AtomicReference<>();
    private final Object wakeLock = new Object();
    private final RetryLedger retries;
    private final ExecutorService workers;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean wakeRequested;
    /**
     * True while the loop is in (or about to enter) IMAP IDLE: only then is a NOOP sent to wake it.
     * Any other time the session may be in the middle of a FETCH, which a NOOP would wait behind
     * and a failing NOOP would cut short; the loop looks at {@link #wakeRequested} before idling.
     */
    private volatile boolean idling;

    private volatile Instant lastMessage;

    public MailIntake(
            MailboxConfig config, String host, char[] password, long maxMessageBytes, MessageHandler handler) {
        this(config, host, password, maxMessageBytes, handler, Optional.empty(), IntakeGuards.none());
    }

    /**
     * An intake that acts on the analysts' quarantine {@code requests} after each pass and checks
     * {@code guards} (rate limits, disk space) before it takes each message.
     */
    public MailIntake(
            MailboxConfig config,
            String host,
            char[] password,
            long maxMessageBytes,
            MessageHandler handler,
            Optional<QuarantineRequests> requests,
            IntakeGuards guards) {
        this.requests = requests;
        this.config = config;
        this.guards = guards;
        this.host = host;
        this.password = password.clone();
        this.maxMessageBytes = maxMessageBytes;
        this.handler = handler;
        this.retries = new RetryLedger(Clock.systemUTC(), config.reconnectMaxBackoff());
        this.workers = Executors.newFixedThreadPool(WORKERS, runnable -> {
            Thread t = new Thread(runnable, "intake-worker");
            t.setDaemon(true);
            return t;
        });
        this.thread = new Thread(this::guardedLoop, "mail-intake");
    }

    public void start() {
        thread.start();
    }

    /**
     * Asks the intake to look at the mailbox now (the periodic poll, and IDLE's safety net). Talks
     * to the server only to break an IDLE; a drain in progress is never interrupted.
     */
    public void poll() {
        synchronized (wakeLock) {
            wakeRequested = true;
            wakeLock.notifyAll();
        }
        ImapSession session = current.get();
        if (session != null && idling) {
            try {
                session.wake();
            } catch (MessagingException | RuntimeException e) {
                session.close();
            }
        }
    }

    /** Whether a mailbox session is open now. */
    public boolean connected() {
        return current.get() != null;
    }

    /** When messages were last taken from the mailbox (exact; callers coarsen it before showing it). */
    public Optional<Instant> lastMessage() {
        return Optional.ofNullable(lastMessage);
    }

    /** Finishes the message in hand, then disconnects. */
    public void stop(Duration grace) throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + grace.toNanos();
        // Woken again each second: a wake that lands between the loop's last look at `running` and
        // its next IDLE would otherwise leave it idling until the grace time is over.
        do {
            poll();
            thread.join(WAKE_WHILE_STOPPING.toMillis());
        } while (thread.isAlive() && System.nanoTime() < deadline);
        ImapSession session = current.get();
        if (session != null) {
            session.close();
        }
        thread.join(TimeUnit.SECONDS.toMillis(5));
        workers.shutdown();
    }

    /** The intake must not die quietly: an Error ends the process, so the service manager restarts it. */
    private void guardedLoop() {
        try {
            loop();
        } catch (Error e) {
            LOG.error("mail intake failed fatally; exiting so the service restarts", e);
            Runtime.getRuntime().halt(70);
        }
    }

    private void loop() {
        int failures = 0;
        while (running) {
            try (ImapSession session = connect()) {
                current.set(session);
                failures = 0;
                serve(session);
            } catch (MessagingException | RuntimeException e) {
                if (!running) {
                    break;
                }
                failures++;
                Duration wait = ImapSettings.backoff(failures, config.reconnectMaxBackoff());
                LOG.warn("mailbox unavailable (attempt {}), retrying in {} s", failures, wait.getSeconds(), e);
                sleep(wait);
            } finally {
                current.set(null);
            }
        }
        LOG.info("mail intake stopped");
    }

    private ImapSession connect() throws MessagingException {
        Properties props = ImapSettings.properties(config, host);
        Session session = Session.getInstance(props);
        ImapSession.Locator locator =
                requests.<ImapSession.Locator>map(QuarantineLocator::new).orElse((id, where) -> {});
        return ImapSession.open(session, config.user(), password, config.folder(), config.quarantineFolder(), locator);
    }

    private void serve(ImapSession session) throws MessagingException {
        boolean idle = config.idle() && session.supportsIdle();
        wakeRequested = false; // the folder was just opened: a poll asked for before that is answered
        while (running) {
            // A pass the poll asked for starts from a fresh view: the poll is the safety net for
            // announcements the server dropped or got wrong, which a NOOP would not repair.
            if (wakeRequested) {
                wakeRequested = false;
                session.refresh();
            }
            int seen = session.messageCount();
            int handled = session.drain(handler, maxMessageBytes, () -> running, retries, workers, guards);
            // Quarantine requests write copies and files too: not while the disk is nearly full.
            if (requests.isPresent() && running && guards.disk().accepting()) {
                requests.get().run(session);
            }
            if (handled > 0) {
                lastMessage = Instant.now();
                LOG.info("ingested {} message(s)", handled);
            }
            if (handled > 0 || wakeRequested || !running) {
                continue;
            }
            // Ask the server (NOOP) for mail that arrived while we were draining: some servers only
            // announce it in reply to a command, and IDLE would not mention it until the next poll.
            session.wake();
            if (session.messageCount() != seen) {
                continue;
            }
            if (idle) {
                idleUnlessWoken(session);
            } else {
                waitForPoll();
            }
        }
    }

    /**
     * Enters IDLE unless a wake came first. The flag is raised before {@link #wakeRequested} is read
     * and {@link #poll()} does the reverse, so a wake either stops the IDLE here or sees the flag
     * and breaks it with a NOOP.
     */
    private void idleUnlessWoken(ImapSession session) throws MessagingException {
        idling = true;
        try {
            if (!wakeRequested && running) {
                session.idle();
            }
        } finally {
            idling = false;
        }
    }

    private void waitForPoll() {
        synchronized (wakeLock) {
            if (!wakeRequested && running) {
                try {
                    wakeLock.wait(config.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    private void sleep(Duration wait) {
        synchronized (wakeLock) {
            try {
                wakeLock.wait(Math.max(1, wait.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** Where quarantined messages landed goes to the entries (one by one, or a flood's batch at once). */
    private record QuarantineLocator(QuarantineRequests requests) implements ImapSession.Locator {
        @Override
        public void located(long entryId, QuarantineEntry.Location where) {
            requests.located(entryId, where);
        }

        @Override
        public void locatedAll(java.util.Map<Long, QuarantineEntry.Location> places) {
            requests.locatedAll(places);
        }
    }
}
