// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.tipbridge.pgp.OpenPgp;

/**
 * Latency from delivery to a committed record with the daemon waiting in IMAP IDLE (the default;
 * the poll interval stays at its 60 s default, so only IDLE can explain a sub-second figure). Tips
 * are delivered over SMTP one at a time, each after the previous one is committed and a pause;
 * the clock starts before the SMTP connection opens and stops when a read-only poll of the SQLite
 * database (every {@code --poll-us}) sees the row.
 * With {@code --mailbox dovecot} the mail is dropped into Dovecot's Maildir instead of SMTP.
 * Options: {@code --mailbox greenmail --messages 200 --warmup 20 --gap-ms 150 --poll-us 500 --jar PATH --work DIR}.
 */
public final class IdleLatencyBenchmark {
    private IdleLatencyBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        int messages = args.number("messages", 200);
        int warmup = args.number("warmup", 20);
        Path work = args.work("tipbridge-bench-idle-");
        OpenPgp pgp = OpenPgp.create();
        BenchHome home = BenchHome.create(work.resolve("home"), pgp);
        TipMail tipMail = TipMail.create(pgp, home.bridge(), 20, 815);
        tipMail.calibrate(4096);
        String kind = args.text("mailbox", "greenmail");
        try (Mailbox mailbox = Mailboxes.start(kind, home, work, "1g");
                RecordCounter counter = new RecordCounter(home.database());
                DaemonProcess daemon = DaemonProcess.start(
                        args.jar(),
                        home.dir(),
                        mailbox.imapPort(),
                        Map.of(),
                        Daemons.jvmArgs(args, "256m"),
                        work.resolve("daemon.log"))) {
            Probe probe = new Probe(tipMail, mailbox, counter, args.number("gap-ms", 150), args.number("poll-us", 500));
            probe.measure(warmup, 0);
            System.out.println("[idle latency] " + kind + ", warm-up done, " + Jvm.load());
            long[] nanos = probe.measure(messages, warmup);
            report(nanos);
            System.out.printf(
                    "[idle latency] daemon CPU %.1f s in all, %s, work dir %s%n",
                    daemon.cpuMillis() / 1e3, Jvm.load(), work);
        }
    }

    private static void report(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "[idle latency] %d messages: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                sorted.length,
                percentile(sorted, 50),
                percentile(sorted, 90),
                percentile(sorted, 99),
                sorted[sorted.length - 1] / 1e6);
    }

    /** Nearest-rank percentile, in milliseconds. */
    static double percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    /** Delivers one tip at a time and times it until its row is committed. */
    private record Probe(TipMail tipMail, Mailbox mailbox, RecordCounter counter, int gapMillis, int pollMicros) {
        long[] measure(int count, int offset) throws Exception {
            long[] nanos = new long[count];
            int base = counter.counts().total();
            for (int i = 0; i < count; i++) {
                byte[] mail = tipMail.small(offset + i);
                Thread.sleep(gapMillis + ThreadLocalRandom.current().nextInt(gapMillis + 1));
                long start = System.nanoTime();
                mailbox.deliver(mail);
                long seen = counter.awaitTotal(base + i + 1, pollMicros * 1000L, 90);
                nanos[i] = seen - start;
            }
            return nanos;
        }
    }
}
