// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.intake.imap.MailIntake;
import org.tipbridge.scheduler.LeaseKeeper;

/**
 * The mailbox connection of a node that may be one of several: a fresh {@link MailIntake} runs
 * while this node holds the mailbox lease and is stopped when it loses it, within {@code
 * stopGrace} (well inside the lease's margin, so it is closed before another node can take over;
 * a message in hand that is not committed by then is fetched again by the next holder and
 * deduplicated). Without the lease the node is on standby.
 */
final class LeasedMailIntake implements LeaseKeeper.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(LeasedMailIntake.class);

    private final Function<char[], MailIntake> factory;
    private final char[] password;
    private volatile Duration stopGrace;
    private volatile MailIntake current;
    private volatile Instant lastMessage;

    LeasedMailIntake(Function<char[], MailIntake> factory, char[] password, Duration stopGrace) {
        this.factory = factory;
        this.password = password.clone();
        this.stopGrace = stopGrace;
    }

    @Override
    public synchronized void onGained() {
        if (current == null) {
            MailIntake intake = factory.apply(password);
            intake.start();
            current = intake;
            LOG.info("this node now reads the mailbox");
        }
    }

    @Override
    public synchronized void onLost() {
        MailIntake intake = current;
        current = null;
        if (intake == null) {
            return;
        }
        intake.lastMessage().ifPresent(this::remember);
        try {
            intake.stop(stopGrace);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("this node no longer reads the mailbox");
    }

    /** From now on a lost lease (the daemon stopping) lets the message in hand finish within {@code grace}. */
    void stopping(Duration grace) {
        stopGrace = grace;
    }

    /** The poll job: wakes the connection, if this node holds it. */
    void poll() {
        MailIntake intake = current;
        if (intake != null) {
            intake.poll();
        }
    }

    /** connected, reconnecting, or standby (another node holds the mailbox, or none yet). */
    String state() {
        MailIntake intake = current;
        if (intake == null) {
            return "standby";
        }
        return intake.connected() ? "connected" : "reconnecting";
    }

    /** When this node last took messages from the mailbox (exact; coarsened before it is shown). */
    Optional<Instant> lastMessage() {
        MailIntake intake = current;
        if (intake != null) {
            intake.lastMessage().ifPresent(this::remember);
        }
        return Optional.ofNullable(lastMessage);
    }

    private synchronized void remember(Instant at) {
        if (lastMessage == null || at.isAfter(lastMessage)) {
            lastMessage = at;
        }
    }

    /** Forgets the password; call after the lease keeper stopped. */
    void close() {
        Arrays.fill(password, '\0');
    }
}
