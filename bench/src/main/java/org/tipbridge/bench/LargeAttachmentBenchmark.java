// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tipbridge.pgp.OpenPgp;

/**
 * One tip carrying a large random attachment (default 200 MiB, base64 inside the encryption, so the
 * mail is about 1.8x that), ingested by a daemon capped at {@code -Xmx128m} from an external
 * mailbox: Dovecot by default ({@code --mailbox greenmail} to use GreenMail). Timed from daemon
 * launch to the committed record; compared with {@code gpg --decrypt | gpg --encrypt} on the same
 * mail file. Options: {@code --mib 200 --daemon-heap 128m --mailbox dovecot --jar PATH --work DIR}.
 */
public final class LargeAttachmentBenchmark {
    private static final long MIB = 1 << 20;

    private LargeAttachmentBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        int mib = args.number("mib", 200);
        Path work = args.work("tipbridge-bench-large-");
        OpenPgp pgp = OpenPgp.create();
        BenchHome home = BenchHome.create(work.resolve("home"), pgp);
        TipMail tipMail = TipMail.create(pgp, home.bridge(), 1, 99);
        Path mailDir = Files.createDirectories(work.resolve("large"));
        Path mail = mailDir.resolve("large.eml");
        tipMail.large(mail, mib * MIB);
        double mailMib = Files.size(mail) / (double) MIB;
        System.out.printf("large attachment: %d MiB attachment, mail %.1f MiB, work dir %s%n", mib, mailMib, work);
        long daemonNanos = daemon(args, home, mail, work);
        GpgBaseline gpg = GpgBaseline.prepare(work.resolve("gnupg"), home, tipMail.sourceCertificates());
        System.out.println("[gpg] " + Jvm.load());
        long gpgNanos = gpg.loop(mailDir, work.resolve("gpg-out")).toNanos();
        System.out.printf(
                "[gpg] gpg --decrypt | gpg --encrypt: %s = %s MiB/s of attachment (%s MiB/s of mail)%n",
                Daemons.seconds(gpgNanos), Daemons.rate(mib, gpgNanos), Daemons.rate(mailMib, gpgNanos));
        System.out.printf("daemon/gpg time ratio: %.2f%n", daemonNanos / (double) gpgNanos);
    }

    private static long daemon(Args args, BenchHome home, Path mail, Path work) throws Exception {
        String kind = args.text("mailbox", "dovecot");
        try (Mailbox mailbox = Mailboxes.start(kind, home, work, "3g");
                RecordCounter counter = new RecordCounter(home.database())) {
            mailbox.deliver(mail);
            System.out.println("[daemon] " + mailbox.count() + " mail in " + kind + ", " + Jvm.load());
            long start = System.nanoTime();
            try (DaemonProcess daemon = DaemonProcess.start(
                    args.jar(),
                    home.dir(),
                    mailbox.imapPort(),
                    Map.of("TIPBRIDGE_LIMITS_MAX_MESSAGE_BYTES", "1GiB"),
                    Daemons.jvmArgs(args, "128m"),
                    work.resolve("daemon.log"))) {
                long done = counter.awaitTotal(1, 10_000_000, 3600);
                RecordCounter.Counts c = counter.counts();
                System.out.printf(
                        "[daemon] launch to committed record: %s = %s MiB/s of attachment; records %d,"
                                + " quarantined %d; daemon CPU %.1f s, peak RSS %d MiB (%s)%n",
                        Daemons.seconds(done - start),
                        Daemons.rate(args.number("mib", 200), done - start),
                        c.records(),
                        c.quarantined(),
                        daemon.cpuMillis() / 1e3,
                        daemon.peakRssMib(),
                        Jvm.load());
                return done - start;
            }
        }
    }
}
