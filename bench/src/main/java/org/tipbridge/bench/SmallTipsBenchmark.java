// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tipbridge.pgp.OpenPgp;

/**
 * Throughput on small tips (about 4 KB, PGP/MIME, signed and encrypted) sealed to two analysts,
 * with the mailbox in a separate GreenMail JVM (mail delivered over SMTP) or a private Dovecot (mail
 * dropped into its Maildir, as Postfix's delivery agent does). Three figures: the daemon started on a pre-loaded
 * mailbox; the same (now warm) daemon while tips arrive one by one over SMTP; and a shell loop of
 * {@code gpg --decrypt | gpg --encrypt} over the same mails.
 * Options: {@code --tips N --bytes B --jar PATH --work DIR --daemon-heap 256m --daemon-jvm "..." --gpg true
 * --mailbox greenmail|dovecot}.
 */
public final class SmallTipsBenchmark {
    private static final long POLL_NANOS = 2_000_000;
    private static final long STALL_SECONDS = 90;

    private SmallTipsBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        int tips = args.number("tips", 2000);
        Path work = args.work("tipbridge-bench-small-");
        OpenPgp pgp = OpenPgp.create();
        BenchHome home = BenchHome.create(work.resolve("home"), pgp);
        TipMail tipMail = TipMail.create(pgp, home.bridge(), 20, 4711);
        tipMail.calibrate(args.number("bytes", 4096));
        List<byte[]> first = generate(tipMail, tips, 0);
        List<byte[]> second = generate(tipMail, tips, tips);
        Path mails = write(first, work.resolve("mails"));
        System.out.printf(
                "small tips: %d per run, %d bytes on average, work dir %s%n",
                tips, first.stream().mapToInt(m -> m.length).sum() / tips, work);
        String kind = args.text("mailbox", "greenmail");
        try (Mailbox mailbox = Mailboxes.start(kind, home, work, "1g");
                RecordCounter counter = new RecordCounter(home.database())) {
            DaemonRun run = new DaemonRun(mailbox, counter);
            for (byte[] m : first) {
                mailbox.deliver(m);
            }
            System.out.println("[pre-loaded] " + mailbox.count() + " mails in " + kind + ", " + Jvm.load());
            try (DaemonProcess daemon = DaemonProcess.start(
                    args.jar(),
                    home.dir(),
                    mailbox.imapPort(),
                    Map.of(),
                    Daemons.jvmArgs(args, "256m"),
                    work.resolve("daemon.log"))) {
                run.preloaded(daemon, tips);
                run.live(daemon, second);
            }
        }
        if (Boolean.parseBoolean(args.text("gpg", "true"))) {
            gpgLoop(home, tipMail, mails, work, tips);
        }
    }

    private static List<byte[]> generate(TipMail tipMail, int count, int offset) throws Exception {
        List<byte[]> mails = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            mails.add(tipMail.small(offset + i));
        }
        return mails;
    }

    private static Path write(List<byte[]> mails, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < mails.size(); i++) {
            Files.write(dir.resolve(String.format("tip-%06d.eml", i)), mails.get(i));
        }
        return dir;
    }

    private static void gpgLoop(BenchHome home, TipMail tipMail, Path mails, Path work, int tips) throws Exception {
        GpgBaseline gpg = GpgBaseline.prepare(work.resolve("gnupg"), home, tipMail.sourceCertificates());
        System.out.println("[gpg loop] " + Jvm.load());
        long nanos = gpg.loop(mails, work.resolve("gpg-out")).toNanos();
        System.out.printf(
                "[gpg loop] %d tips in %s = %s tips/s%n", tips, Daemons.seconds(nanos), Daemons.rate(tips, nanos));
    }

    /** The two daemon measurements, sharing one mailbox and one database. */
    private record DaemonRun(Mailbox mailbox, RecordCounter counter) {
        void preloaded(DaemonProcess daemon, int tips) throws Exception {
            long start = System.nanoTime();
            long mailboxCpu = cpu(mailbox);
            long first = counter.awaitTotal(1, POLL_NANOS, STALL_SECONDS);
            long last = counter.awaitTotal(tips, POLL_NANOS, STALL_SECONDS);
            long empty = awaitEmpty();
            System.out.printf(
                    "[pre-loaded] %d tips in %s from daemon launch to last commit and empty mailbox"
                            + " = %s tips/s; first commit after %s, first->last commit %s tips/s%n",
                    tips,
                    Daemons.seconds(empty - start),
                    Daemons.rate(tips, empty - start),
                    Daemons.seconds(first - start),
                    Daemons.rate(tips - 1, last - first));
            cpuLine("[pre-loaded]", daemon.cpuMillis(), cpu(mailbox) - mailboxCpu, empty - start);
        }

        void live(DaemonProcess daemon, List<byte[]> mails) throws Exception {
            int base = counter.counts().total();
            long daemonCpu = daemon.cpuMillis();
            long mailboxCpu = cpu(mailbox);
            System.out.println("[live] " + Jvm.load());
            long start = System.nanoTime();
            for (byte[] m : mails) {
                mailbox.deliver(m);
            }
            long delivered = System.nanoTime();
            long empty;
            int done = mails.size();
            try {
                counter.awaitTotal(base + mails.size(), POLL_NANOS, STALL_SECONDS);
                empty = awaitEmpty();
            } catch (RecordCounter.Stalled e) {
                empty = e.lastProgress;
                done = e.counts.total() - base;
                System.out.printf(
                        "[live] STALLED: %d of %d committed, %d still in the mailbox after %d s"
                                + " without progress (figures below stop at the last commit)%n",
                        done, mails.size(), mailbox.count(), STALL_SECONDS);
            }
            System.out.printf(
                    "[live] %d tips in %s from first delivery to last commit and empty mailbox"
                            + " = %s tips/s (delivery alone took %s)%n",
                    done,
                    Daemons.seconds(empty - start),
                    Daemons.rate(done, empty - start),
                    Daemons.seconds(delivered - start));
            cpuLine("[live]", daemon.cpuMillis() - daemonCpu, cpu(mailbox) - mailboxCpu, empty - start);
            RecordCounter.Counts c = counter.counts();
            System.out.printf("records %d, quarantined %d%n", c.records(), c.quarantined());
        }

        private long awaitEmpty() throws IOException, InterruptedException {
            while (mailbox.count() > 0) {
                Thread.sleep(2);
            }
            return System.nanoTime();
        }

        private static long cpu(Mailbox mailbox) {
            return mailbox.pid().isPresent() ? Jvm.cpuMillis(mailbox.pid().getAsLong()) : -1;
        }

        private static void cpuLine(String tag, long daemonMillis, long mailboxMillis, long wallNanos) {
            System.out.printf(
                    "%s CPU: daemon %.1f s, mailbox %.1f s, over %s wall (%s)%n",
                    tag, daemonMillis / 1e3, mailboxMillis / 1e3, Daemons.seconds(wallNanos), Jvm.load());
        }
    }
}
