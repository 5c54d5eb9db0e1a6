// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tipbridge.bridge.daemon.DaemonStatus;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;

/**
 * A flood from one sender while other senders write (issue 7): the real daemon with the default
 * {@code [floods]} limits (sender burst 20, 120/h; channel burst 500, 6000/h) against a mailbox
 * (Dovecot by default). First {@code --warmup} tips from four other senders, one at a time, so the
 * JVM is started and connected. Then {@code --messages} tips from ONE sender are delivered evenly
 * over {@code --seconds}, and meanwhile one tip from another sender every {@code --every-ms}
 * ({@code --tips} of them, from 19 senders in turn, the first one second in). The database is
 * polled read-only every {@code --poll-ms}; records are told apart by handle (one pseudonym per
 * sender: the flood's is the handle with the most records), and the other senders' records are
 * taken in delivery order. Reports the delay from delivery to committed record of each other tip,
 * the flood's records and rate-limited messages (quarantine rows, or the daemon's count with
 * {@code --policy drop}), whether every delivered message is accounted for, the growth of the home
 * and of the mailbox, and the daemon's peak RSS. Options: {@code --messages 10000 --seconds 60
 * --tips 30 --every-ms 2000 --policy quarantine|drop --mailbox dovecot|greenmail --poll-ms 20
 * --warmup 20 --jar PATH --work DIR --daemon-heap 256m}.
 */
public final class FloodBenchmark {
    private static final int SOURCES = 24;
    private static final int FLOOD_SOURCE = 0;
    private static final int OTHER_SOURCES = 19;
    private static final int WARMUP_SOURCE = 20;
    private static final long STALL_SECONDS = 120;

    private FloodBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        Plan plan = new Plan(
                args.number("messages", 10_000),
                args.number("seconds", 60),
                args.number("tips", 30),
                args.number("every-ms", 2000),
                args.number("warmup", 20),
                args.text("policy", "quarantine"));
        Path work = args.work("tipbridge-bench-flood-");
        OpenPgp pgp = OpenPgp.create();
        BenchHome home = BenchHome.create(work.resolve("home"), pgp);
        Mails mails = Mails.write(TipMail.create(pgp, home.bridge(), SOURCES, 1917), plan);
        String kind = args.text("mailbox", "dovecot");
        System.out.printf(
                "flood: %d mails from one sender in %d s, %d tips from others every %d ms, policy %s, %s,"
                        + " default [floods] limits, work dir %s%n",
                plan.messages(), plan.seconds(), plan.tips(), plan.everyMs(), plan.policy(), kind, work);
        try (Mailbox mailbox = Mailboxes.start(kind, home, work, "2g");
                RecordCounter counter = new RecordCounter(home.database());
                DaemonProcess daemon = DaemonProcess.startWithFloodLimits(
                        args.jar(),
                        home.dir(),
                        mailbox.imapPort(),
                        Map.of("TIPBRIDGE_FLOODS_POLICY", plan.policy()),
                        Daemons.jvmArgs(args, "256m"),
                        work.resolve("daemon.log"))) {
            warmUp(mails, mailbox, counter);
            Run run = new Run(
                    plan, mails, mailbox, home, work, new CommitWatch(home.database(), args.number("poll-ms", 20)));
            run.execute();
            System.out.printf(
                    "[flood] daemon peak RSS %d MiB, CPU %.1f s, %s%n",
                    daemon.peakRssMib(), daemon.cpuMillis() / 1e3, Jvm.load());
        }
    }

    private static void warmUp(Mails mails, Mailbox mailbox, RecordCounter counter) throws Exception {
        for (int i = 0; i < mails.warmup().size(); i++) {
            mailbox.deliver(mails.warmup().get(i));
            counter.awaitTotal(i + 1, 2_000_000, 90);
            Thread.sleep(100);
        }
        System.out.println("[flood] warm-up done: " + mails.warmup().size() + " tips committed, " + Jvm.load());
    }

    /** What to send. */
    record Plan(int messages, int seconds, int tips, int everyMs, int warmup, String policy) {
        long floodAt(int k) {
            return TimeUnit.SECONDS.toNanos(seconds) * k / messages;
        }

        long tipAt(int j) {
            return TimeUnit.MILLISECONDS.toNanos(1000 + (long) everyMs * j);
        }
    }

    /** The mails, written before the clock starts: the flood (one sender), the others' tips, the warm-up. */
    record Mails(List<byte[]> flood, List<byte[]> tips, List<byte[]> warmup) {
        static Mails write(TipMail tipMail, Plan plan) throws IOException, PgpException {
            long start = System.nanoTime();
            tipMail.calibrate(4096);
            List<byte[]> flood = new ArrayList<>(plan.messages());
            for (int k = 0; k < plan.messages(); k++) {
                flood.add(tipMail.small(SOURCES * k + FLOOD_SOURCE));
            }
            List<byte[]> tips = new ArrayList<>();
            for (int j = 0; j < plan.tips(); j++) {
                tips.add(tipMail.small(SOURCES * (1_000_000 + j) + 1 + j % OTHER_SOURCES));
            }
            List<byte[]> warmup = new ArrayList<>();
            for (int w = 0; w < plan.warmup(); w++) {
                warmup.add(tipMail.small(SOURCES * (2_000_000 + w) + WARMUP_SOURCE + w % 4));
            }
            System.out.printf(
                    "[flood] %d mails written in %s%n",
                    flood.size() + tips.size() + warmup.size(), Daemons.seconds(System.nanoTime() - start));
            return new Mails(flood, tips, warmup);
        }
    }

    /** One measured flood: deliver on schedule, wait until everything is accounted for, report. */
    private record Run(Plan plan, Mails mails, Mailbox mailbox, BenchHome home, Path work, CommitWatch watch) {
        void execute() throws Exception {
            long homeBefore = size(home.dir());
            long mailboxBefore = size(work.resolve("dovecot"));
            watch.start();
            Thread.sleep(500); // the watch has seen the warm-up records
            Set<String> warm = CommitWatch.perHandle(watch.rows()).keySet();
            int quarantineBefore = watch.quarantined();
            long start = System.nanoTime();
            long[] delivered = deliver(start);
            long deliveredIn = System.nanoTime() - start;
            long done = awaitAccounted(warm, quarantineBefore, start);
            watch.close();
            new Report(plan, watch.rows(), warm, delivered).print(start, deliveredIn, done);
            Thread.sleep(11_000); // the daemon's status file is rewritten every 10 s
            accounts(warm, quarantineBefore);
            System.out.printf(
                    "[flood] home grew by %s (%s before), the mailbox by %s%n",
                    mib(size(home.dir()) - homeBefore),
                    mib(homeBefore),
                    mib(size(work.resolve("dovecot")) - mailboxBefore));
            System.out.println(
                    "[flood] the home's data directory now: " + files(home.dir().resolve("data")));
        }

        private static String files(Path dir) throws IOException {
            try (Stream<Path> list = Files.list(dir)) {
                return list.filter(Files::isRegularFile)
                        .sorted()
                        .map(p -> p.getFileName() + " " + mib(p.toFile().length()))
                        .collect(Collectors.joining(", "));
            }
        }

        /** Delivers the flood and the other tips on schedule; returns each other tip's delivery nanoTime. */
        private long[] deliver(long start) throws IOException {
            long[] delivered = new long[plan.tips()];
            int j = 0;
            for (int k = 0; k < plan.messages(); k++) {
                while (j < plan.tips() && plan.tipAt(j) <= plan.floodAt(k)) {
                    delivered[j] = deliverAt(start + plan.tipAt(j), mails.tips().get(j));
                    j++;
                }
                deliverAt(start + plan.floodAt(k), mails.flood().get(k));
            }
            for (; j < plan.tips(); j++) {
                delivered[j] = deliverAt(start + plan.tipAt(j), mails.tips().get(j));
            }
            return delivered;
        }

        private long deliverAt(long due, byte[] mail) throws IOException {
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            long now = System.nanoTime();
            mailbox.deliver(mail);
            return now;
        }

        /** Waits until the mailbox's inbox is empty and every delivered message is a row or counted; returns then. */
        private long awaitAccounted(Set<String> warm, int quarantineBefore, long start) throws Exception {
            long progress = System.nanoTime();
            long emptied = 0;
            int last = -1;
            while (true) {
                int accounted = accounted(warm, quarantineBefore);
                long now = System.nanoTime();
                boolean empty = mailbox.count() == 0;
                if (empty && emptied == 0) {
                    emptied = now;
                    System.out.printf(
                            "[flood] inbox empty %s after the first delivery%n", Daemons.seconds(now - start));
                }
                if (accounted >= plan.messages() + plan.tips() && empty) {
                    return now;
                }
                if (accounted != last) {
                    last = accounted;
                    progress = now;
                } else if (now - progress > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
                    System.out.printf(
                            "[flood] STALLED: %d of %d accounted for, %d in the inbox%n",
                            accounted, plan.messages() + plan.tips(), mailbox.count());
                    return now;
                }
                Thread.sleep(100);
            }
        }

        private int accounted(Set<String> warm, int quarantineBefore) throws Exception {
            int records = (int) watch.rows().stream()
                    .filter(r -> !warm.contains(r.handle()))
                    .count();
            return records + limited(quarantineBefore);
        }

        /** Rate-limited messages: new quarantine rows, or (policy drop) the daemon's own count. */
        private int limited(int quarantineBefore) throws IOException {
            return plan.policy().equals("drop") ? (int) statusCount() : watch.quarantined() - quarantineBefore;
        }

        private long statusCount() throws IOException {
            Path file = DaemonStatus.file(ConfigLoader.load(home.dir(), Map.of()));
            return DaemonStatus.read(file)
                    .map(s -> s.floods().values().stream()
                            .mapToLong(DaemonStatus.Flood::rateLimited)
                            .sum())
                    .orElse(0L);
        }

        private void accounts(Set<String> warm, int quarantineBefore) throws Exception {
            int records = (int) watch.rows().stream()
                    .filter(r -> !warm.contains(r.handle()))
                    .count();
            int limited = limited(quarantineBefore);
            int sent = plan.messages() + plan.tips();
            System.out.printf(
                    "[flood] %d records + %d rate-limited (%s) = %d of %d delivered: %s; inbox holds %d; daemon counts %d rate-limited (status.json, written every 10 s)%n",
                    records,
                    limited,
                    plan.policy().equals("drop") ? "dropped, daemon's count" : "quarantine rows",
                    records + limited,
                    sent,
                    records + limited == sent ? "nothing lost or doubled" : "MISMATCH",
                    mailbox.count(),
                    statusCount());
        }
    }

    /** The delays of the other senders' tips. */
    private record Report(Plan plan, List<CommitWatch.Row> rows, Set<String> warm, long[] delivered) {
        void print(long start, long deliveredIn, long done) {
            Map<String, Integer> perHandle = CommitWatch.perHandle(
                    rows.stream().filter(r -> !warm.contains(r.handle())).toList());
            String flood = perHandle.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey)
                    .orElse("");
            List<CommitWatch.Row> others = rows.stream()
                    .filter(r -> !warm.contains(r.handle()) && !r.handle().equals(flood))
                    .toList();
            System.out.printf(
                    "[flood] delivered %d + %d mails in %s (planned %d s); all accounted for %s after the first;"
                            + " %d flood records; %d other senders' records of %d, in delivery order: %s%n",
                    plan.messages(),
                    plan.tips(),
                    Daemons.seconds(deliveredIn),
                    plan.seconds(),
                    Daemons.seconds(done - start),
                    perHandle.getOrDefault(flood, 0),
                    others.size(),
                    plan.tips(),
                    inOrder(others));
            long[] nanos = new long[Math.min(others.size(), delivered.length)];
            for (int j = 0; j < nanos.length; j++) {
                nanos[j] = others.get(j).seenNanos() - delivered[j];
            }
            delays(nanos);
        }

        private static void delays(long[] nanos) {
            if (nanos.length == 0) {
                System.out.println("[flood] no other tip was committed");
                return;
            }
            System.out.println("[flood] delays, delivery -> committed, in delivery order (ms): "
                    + Arrays.stream(nanos)
                            .mapToObj(n -> Long.toString(n / 1_000_000))
                            .collect(Collectors.joining(" ")));
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            System.out.printf(
                    "[flood] %d other tips: p50 %.0f ms, p95 %.0f ms, max %.0f ms (poll every 20 ms)%n",
                    sorted.length,
                    IdleLatencyBenchmark.percentile(sorted, 50),
                    IdleLatencyBenchmark.percentile(sorted, 95),
                    sorted[sorted.length - 1] / 1e6);
        }

        /** Tip j came from other source j % 19: its record shares a handle with tip j - 19's and no other's. */
        private static String inOrder(List<CommitWatch.Row> others) {
            for (int j = 0; j < others.size(); j++) {
                for (int i = 0; i < j; i++) {
                    boolean same = others.get(i).handle().equals(others.get(j).handle());
                    if (same != (i % OTHER_SOURCES == j % OTHER_SOURCES)) {
                        return "NO (handles out of order at " + j + ")";
                    }
                }
            }
            return "yes (handles match the senders' order)";
        }
    }

    /** Bytes in the regular files under {@code dir}; 0 when it does not exist (no Dovecot). */
    static long size(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static String mib(long bytes) {
        return String.format("%.2f MiB", bytes / 1048576.0);
    }
}
