// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.demo.SmtpSubmit;
import org.tipbridge.bridge.flood.DiskGuard;
import org.tipbridge.bridge.flood.IntakeGuards;
import org.tipbridge.bridge.pipeline.MailRelease;
import org.tipbridge.bridge.pipeline.Outcome;
import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.bridge.store.AuditLog;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.TestDatabases;
import org.tipbridge.bridge.testing.MailBuilder;
import org.tipbridge.bridge.testing.TipbridgeJar;

/**
 * The daemon's side of quarantine requests against GreenMail: messages moved by the drain get their
 * place from COPYUID, and one pass runs a bounded number of releases, each failure on its own.
 */
class QuarantineRequestsTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path tmp;

    private GreenMail mailbox;
    private int smtp;
    private int imap;
    private RecordStore store;
    private final ExecutorService workers = Executors.newFixedThreadPool(2);

    @BeforeEach
    void setUp() throws Exception {
        smtp = TipbridgeJar.freePort();
        imap = TipbridgeJar.freePort();
        mailbox = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        mailbox.start();
        mailbox.setUser("tips@localhost", "tips@localhost", "secret");
        store = RecordStore.open(TestDatabases.store(tmp));
    }

    @AfterEach
    void tearDown() {
        workers.shutdownNow();
        store.close();
        mailbox.stop();
    }

    private long entry() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        long id = store.quarantine(Channel.EMAIL, Instant.now(), "plaintext-refused", key, Optional.empty());
        store.quarantines()
                .requestRelease(
                        id,
                        "plaintext-refused",
                        new AuditLog.Event(
                                "alice", "quarantine-release-requested", Optional.empty(), id, Instant.now()));
        return id;
    }

    private ImapSession session(QuarantineRequests requests) throws Exception {
        Properties props = new Properties();
        props.put("mail.store.protocol", "imap");
        props.put("mail.imap.host", "127.0.0.1");
        props.put("mail.imap.port", Integer.toString(imap));
        return ImapSession.open(
                Session.getInstance(props),
                "tips@localhost",
                "secret".toCharArray(),
                "INBOX",
                "Quarantine",
                requests::located);
    }

    /** Quarantines each mailbox message as entry {@code ids[i]} through the drain, as the pipeline would. */
    private void quarantineAll(ImapSession session, List<Long> ids) throws Exception {
        AtomicInteger next = new AtomicInteger();
        MessageHandler handler = new MessageHandler() {
            @Override
            public Outcome handle(InputStream raw, String upstreamId) {
                return new Outcome.Quarantined(ids.get(next.getAndIncrement()), QuarantineReason.PLAINTEXT_REFUSED);
            }

            @Override
            public void flush() {}

            @Override
            public Outcome oversize(String upstreamId) {
                throw new AssertionError("no message is oversized");
            }
        };
        session.drain(
                handler,
                1 << 20,
                () -> true,
                new RetryLedger(Clock.systemUTC(), Duration.ofSeconds(1)),
                workers,
                org.tipbridge.bridge.flood.IntakeGuards.none());
    }

    @Test
    void aReleaseThatThrowsIsLeftForTheNextPassAndOnePassRunsAtMostFiveReleases() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(entry());
            SmtpSubmit.send("127.0.0.1", smtp, "a@example.org", "tips@localhost", MailBuilder.plain("", "m" + i, "x"));
        }
        assertThat(mailbox.waitForIncomingEmail(10_000, 7)).isTrue();
        AtomicInteger calls = new AtomicInteger();
        QuarantineRequests.Releaser releaser = (raw, override) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("a fault in one release");
            }
            return new MailRelease.Result.Recorded(1000 + calls.get(), false);
        };
        QuarantineRequests requests =
                new QuarantineRequests(store.quarantines(), releaser, blob -> {}, 1 << 20, Clock.systemUTC());

        List<String> afterFirst = new ArrayList<>();
        try (ImapSession session = session(requests)) {
            quarantineAll(session, ids);
            assertThat(ids)
                    .allMatch(id ->
                            store.quarantines().get(id).orElseThrow().location().isPresent());
            requests.run(session);
            ids.forEach(id ->
                    afterFirst.add(store.quarantines().get(id).orElseThrow().state()));
            requests.run(session);
        }

        assertThat(afterFirst).filteredOn("released"::equals).hasSize(QuarantineRequests.MAX_RELEASES - 1);
        assertThat(afterFirst).filteredOn("release-requested"::equals).hasSize(3);
        assertThat(calls).hasValue(7 + 1);
        assertThat(ids)
                .allMatch(
                        id -> store.quarantines().get(id).orElseThrow().state().equals("released"));
        assertThat(quarantineFolderCount()).isZero();
    }

    @Test
    void releasesWaitWhileTheDiskIsNearlyFullAndRunOnceSpaceReturns() throws Exception {
        List<Long> ids = List.of(entry());
        SmtpSubmit.send("127.0.0.1", smtp, "a@example.org", "tips@localhost", MailBuilder.plain("", "m", "x"));
        assertThat(mailbox.waitForIncomingEmail(10_000, 1)).isTrue();
        AtomicInteger calls = new AtomicInteger();
        QuarantineRequests requests = new QuarantineRequests(
                store.quarantines(),
                (raw, override) -> new MailRelease.Result.Recorded(1000 + calls.incrementAndGet(), false),
                blob -> {},
                1 << 20,
                Clock.systemUTC());
        try (ImapSession session = session(requests)) {
            quarantineAll(session, ids);
        }
        AtomicLong free = new AtomicLong(100 * MIB);
        MailIntake intake = new MailIntake(
                MailIntakeTest.mailboxConfig(imap, smtp),
                "127.0.0.1",
                "secret".toCharArray(),
                1 << 20,
                new RefusingHandler(),
                Optional.of(requests),
                new IntakeGuards(Optional.empty(), new DiskGuard(free::get, 256 * MIB)));
        intake.start();
        try {
            MailIntakeTest.awaitTrue(intake::connected);
            intake.poll();
            Thread.sleep(2_000);
            assertThat(calls).as("no release while the disk is nearly full").hasValue(0);
            assertThat(store.quarantines().get(ids.get(0)).orElseThrow().state())
                    .isEqualTo("release-requested");
            assertThat(quarantineFolderCount()).isEqualTo(1);

            free.set(1024 * MIB);
            intake.poll(); // what the daemon's mailbox-poll job does every [mailbox] poll_seconds
            MailIntakeTest.awaitTrue(() ->
                    store.quarantines().get(ids.get(0)).orElseThrow().state().equals("released"));
            assertThat(calls).hasValue(1);
        } finally {
            intake.stop(Duration.ofSeconds(10));
        }
    }

    /** The intake's handler where no message is expected in the mailbox. */
    private static final class RefusingHandler implements MessageHandler {
        @Override
        public Outcome handle(InputStream raw, String upstreamId) {
            throw new AssertionError("no message is expected in the mailbox");
        }

        @Override
        public void flush() {}

        @Override
        public Outcome oversize(String upstreamId) {
            throw new AssertionError("no message is expected in the mailbox");
        }
    }

    private int quarantineFolderCount() throws Exception {
        jakarta.mail.Store imapStore = Session.getInstance(new Properties()).getStore("imap");
        imapStore.connect("127.0.0.1", imap, "tips@localhost", "secret");
        try {
            jakarta.mail.Folder folder = imapStore.getFolder("Quarantine");
            folder.open(jakarta.mail.Folder.READ_ONLY);
            int n = folder.getMessageCount();
            folder.close(false);
            return n;
        } finally {
            imapStore.close();
        }
    }
}
