// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.demo.SmtpSubmit;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.Outcome;
import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.bridge.testing.MailBuilder;
import org.tipbridge.bridge.testing.TipbridgeJar;
import org.tipbridge.conf.MailboxConfig;

/** The mailbox thread against a real IMAP server (GreenMail on loopback), with a scripted handler. */
class MailIntakeTest {
    private GreenMail mailbox;
    private int smtp;
    private MailIntake intake;
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger flushFailuresLeft =
            new java.util.concurrent.atomic.AtomicInteger();
    private final List<String> pending = new CopyOnWriteArrayList<>();
    private final List<String> committed = new CopyOnWriteArrayList<>();
    private final CountDownLatch releaseSlow = new CountDownLatch(1);
    private volatile boolean slowInHand;

    @BeforeEach
    void setUp() throws IOException {
        smtp = TipbridgeJar.freePort();
        int imap = TipbridgeJar.freePort();
        mailbox = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        mailbox.start();
        mailbox.setUser("tips@localhost", "tips@localhost", "secret");
        config = mailboxConfig(imap);
        startIntake();
    }

    private MailboxConfig mailboxConfig(int imap) {
        return mailboxConfig(imap, smtp);
    }

    /** A mailbox on loopback for user tips@localhost, with IDLE, polled every 30 s. */
    static MailboxConfig mailboxConfig(int imap, int smtp) {
        return new MailboxConfig(
                "127.0.0.1",
                imap,
                smtp,
                MailboxConfig.Tls.NONE,
                "tips@localhost",
                Path.of("unused"),
                "INBOX",
                "Quarantine",
                "tips@localhost",
                true,
                Duration.ofSeconds(30),
                Duration.ofSeconds(60));
    }

    private MailboxConfig config;

    private void startIntake() {
        intake = new MailIntake(config, "127.0.0.1", "secret".toCharArray(), 1 << 20, new ScriptedHandler());
        intake.start();
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        intake.stop(Duration.ofSeconds(10));
        mailbox.stop();
    }

    @Test
    void poisonMessageDoesNotHoldUpTheOthers() throws Exception {
        deliver("poison");
        deliver("first");
        deliver("second");
        awaitTrue(() -> handled.containsAll(List.of("first", "second")));
        awaitTrue(() -> mailbox.getReceivedMessages().length == 1);
        assertThat(mailbox.getReceivedMessages()[0].getSubject()).isEqualTo("poison");
    }

    @Test
    void stopEndsWithinSecondsAtAnyMomentNotAfterTheGraceTime() throws Exception {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 12; round++) {
            deliver("round-" + round);
            Thread.sleep(random.nextInt(400));
            Instant asked = Instant.now();
            intake.stop(Duration.ofSeconds(60));
            assertThat(Duration.between(asked, Instant.now()))
                    .as("stop in round %d", round)
                    .isLessThan(Duration.ofSeconds(8));
            startIntake();
        }
        awaitTrue(() -> handled.size() == 12);
    }

    @Test
    void stopWaitsForTheMessageInHandCommitsItAndSendsNoCommandMeanwhile() throws Exception {
        intake.stop(Duration.ofSeconds(10));
        try (ImapCommandTap tap = new ImapCommandTap(config.imapPort(), () -> slowInHand)) {
            config = mailboxConfig(tap.port());
            startIntake();
            deliver("slow");
            awaitTrue(() -> slowInHand);
            MailIntake stopping = intake;
            Thread stopper = new Thread(
                    () -> {
                        try {
                            stopping.stop(Duration.ofSeconds(60));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "stopper");
            stopper.start();
            // stop() has woken the intake once and now waits for its thread
            awaitTrue(() -> stopper.getState() == Thread.State.TIMED_WAITING);
            releaseSlow.countDown();
            stopper.join(TimeUnit.SECONDS.toMillis(15));
            assertThat(stopper.isAlive()).as("stop returned").isFalse();
            assertThat(handled).containsExactly("slow");
            assertThat(mailbox.getReceivedMessages())
                    .as("the message in hand was committed, then deleted")
                    .isEmpty();
            assertThat(tap.commands())
                    .as("no command (no NOOP wake) while the message was being handled")
                    .noneMatch(ImapCommandTap.Command::duringCondition)
                    .extracting(ImapCommandTap.Command::verb)
                    .contains("SELECT");
        }
    }

    @Test
    void idleNoticesNewMailWithoutWaitingForThePoll() throws Exception {
        deliver("warm-up");
        awaitTrue(() -> handled.contains("warm-up"));
        Thread.sleep(500);
        Instant sent = Instant.now();
        deliver("prompt");
        awaitTrue(() -> handled.contains("prompt"));
        assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aFailedBatchCommitDeletesNothing() throws Exception {
        intake.stop(Duration.ofSeconds(10));
        flushFailuresLeft.set(1);
        List<String> subjects = new java.util.ArrayList<>();
        for (int i = 0; i < 2 * Drain.WINDOW; i++) {
            subjects.add("batch-" + i);
            deliver("batch-" + i);
        }
        startIntake();
        awaitTrue(() -> mailbox.getReceivedMessages().length == 0);
        assertThat(committed).containsAll(subjects);
    }

    @Test
    void aPollFindsMailTheServerNeverAnnounced() throws Exception {
        intake.stop(Duration.ofSeconds(10));
        try (ImapCommandTap tap = new ImapCommandTap(config.imapPort(), () -> false)) {
            config = mailboxConfig(tap.port());
            startIntake();
            deliver("warm-up");
            awaitTrue(() -> handled.contains("warm-up"));
            Thread.sleep(500);
            tap.muteAnnouncements(true);
            deliver("unannounced");
            Thread.sleep(2000);
            assertThat(handled).as("IDLE was told nothing").doesNotContain("unannounced");
            intake.poll();
            awaitTrue(() -> handled.contains("unannounced"));
        }
    }

    @Test
    void mailArrivingWhileOthersAreDeletedIsTakenWithoutWaitingForThePoll() throws Exception {
        // GreenMail announces a message that arrives during an EXPUNGE before the expunges, and
        // JavaMail then ignores the announcement; the poll is 30 s away and never asked for here.
        intake.stop(Duration.ofSeconds(10));
        try (ImapCommandTap tap = new ImapCommandTap(config.imapPort(), () -> false)) {
            tap.beforeFirst("EXPUNGE", () -> {
                try {
                    deliver("during-expunge");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            config = mailboxConfig(tap.port());
            deliver("first");
            startIntake();
            awaitTrue(() -> handled.containsAll(List.of("first", "during-expunge")));
            awaitTrue(() -> mailbox.getReceivedMessages().length == 0);
        }
    }

    @Test
    void messagesMovedToQuarantineLeaveTheSessionsView() throws Exception {
        intake.stop(Duration.ofSeconds(10));
        for (int i = 0; i < 3; i++) {
            deliver("refused-" + i);
        }
        awaitTrue(() -> mailbox.getReceivedMessages().length == 3);
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (ImapSession session = ImapSession.open(
                jakarta.mail.Session.getInstance(ImapSettings.properties(config, "127.0.0.1")),
                "tips@localhost",
                "secret".toCharArray(),
                "INBOX",
                "Quarantine",
                (id, where) -> {})) {
            int taken = session.drain(
                    new ScriptedHandler(),
                    1 << 20,
                    () -> true,
                    new RetryLedger(java.time.Clock.systemUTC(), Duration.ofSeconds(60)),
                    workers,
                    org.tipbridge.bridge.flood.IntakeGuards.none());
            assertThat(taken).isEqualTo(3);
            assertThat(session.messageCount())
                    .as("moved messages still counted in the folder")
                    .isZero();
        } finally {
            workers.shutdownNow();
        }
        assertThat(mailbox.getReceivedMessages())
                .as("all three moved, none lost")
                .hasSize(3);
    }

    private void deliver(String subject) throws IOException {
        SmtpSubmit.send(
                "127.0.0.1",
                smtp,
                "someone@example.org",
                "tips@localhost",
                MailBuilder.plain(
                        "From: someone@example.org\r\nTo: tips@localhost\r\n", subject, "body of " + subject));
    }

    /** Handles by subject; the message called "poison" fails every time on our side. */
    private final class ScriptedHandler implements MessageHandler {
        @Override
        public Outcome handle(InputStream raw, String upstreamId) throws IntakeException.TransientIo {
            String text;
            try {
                text = new String(raw.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IntakeException.TransientIo("read", e);
            }
            String subject = text.replaceAll("(?s).*Subject: ([^\r\n]*).*", "$1");
            if (subject.equals("poison")) {
                throw new IntakeException.TransientIo("simulated local failure", null);
            }
            if (subject.equals("slow")) {
                awaitRelease();
            }
            handled.add(subject);
            if (subject.startsWith("refused")) {
                return new Outcome.Quarantined(handled.size(), QuarantineReason.PLAINTEXT_REFUSED);
            }
            if (subject.startsWith("batch")) {
                pending.add(subject);
                return new Outcome.Prepared(true);
            }
            return new Outcome.Duplicate();
        }

        /** Holds the message in hand until the test lets it go (at most 20 s). */
        private void awaitRelease() throws IntakeException.TransientIo {
            slowInHand = true;
            try {
                releaseSlow.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IntakeException.TransientIo("interrupted", e);
            } finally {
                slowInHand = false;
            }
        }

        /** Like the real batch: the pending records are taken first, and lost if the commit fails. */
        @Override
        public void flush() {
            List<String> batch = List.copyOf(pending);
            pending.clear();
            if (flushFailuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("simulated failure inside the commit");
            }
            committed.addAll(batch);
        }

        @Override
        public Outcome oversize(String upstreamId) {
            return new Outcome.Quarantined(0, QuarantineReason.MESSAGE_TOO_LARGE);
        }
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
