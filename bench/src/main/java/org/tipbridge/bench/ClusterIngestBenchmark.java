// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tipbridge.bridge.store.TestPostgres;
import org.tipbridge.pgp.OpenPgp;

/**
 * Ingest on PostgreSQL with one node and with two nodes on the same database (the real jar, one
 * JVM per node, homes with the same keys and secrets), from one mailbox holding {@code --tips}
 * small signed and encrypted tips per phase. Phase "one node": tips delivered, node A started,
 * time from launch and from first to last commit. Phase "two nodes": the same with A and B
 * started together. Phase "failover": both nodes warm, tips delivered while they run, the node
 * holding the mailbox lease killed (SIGKILL) half-way; the gap until the other node's first
 * commit, and the time from the first delivery to the last commit. PostgreSQL runs with its durable defaults ({@link Postgres}).
 * Options: {@code --tips N --mailbox greenmail|dovecot --failover S --jar PATH --work DIR
 * --daemon-heap 256m}.
 */
public final class ClusterIngestBenchmark {
    private static final long POLL_NANOS = 2_000_000;
    private static final long STALL_SECONDS = 90;

    private ClusterIngestBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        int tips = args.number("tips", 2000);
        Path work = args.work("tipbridge-bench-cluster-");
        TestPostgres pg = Postgres.start();
        String url = pg.url("tipbridge");
        createDatabase(pg);
        OpenPgp pgp = OpenPgp.create();
        BenchHome home = BenchHome.create(work.resolve("node-a"), pgp);
        Path homeB = copyHome(home.dir(), work.resolve("node-b"));
        TipMail tipMail = TipMail.create(pgp, home.bridge(), 20, 4711);
        tipMail.calibrate(4096);
        Map<String, String> env = Map.of(
                "TIPBRIDGE_STORE_URL",
                url,
                "TIPBRIDGE_STORE_USER",
                TestPostgres.SUPERUSER,
                "TIPBRIDGE_CLUSTER_FAILOVER_SECONDS",
                args.text("failover", "10"));
        System.out.printf("cluster ingest: %d tips per phase, PostgreSQL (durable), work dir %s%n", tips, work);
        try (Mailbox mailbox = Mailboxes.start(args.text("mailbox", "greenmail"), home, work, "1g");
                RecordCounter counter =
                        new RecordCounter(() -> DriverManager.getConnection(url, TestPostgres.SUPERUSER, ""))) {
            Nodes nodes = new Nodes(args, mailbox, env, work, Map.of("a", home.dir(), "b", homeB));
            Phase phase = new Phase(mailbox, counter, tipMail, tips);
            phase.run("one node", 0, () -> nodes.start("a"));
            nodes.stopAll();
            phase.run("two nodes", tips, () -> {
                nodes.start("a");
                nodes.start("b");
            });
            phase.failover(2 * tips, nodes, () -> holder(url));
            nodes.stopAll();
        }
    }

    private static void createDatabase(TestPostgres pg) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.url("postgres"), TestPostgres.SUPERUSER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE tipbridge");
        }
    }

    /** Node B's home: node A's configuration, keys and secrets, without A's data directory. */
    private static Path copyHome(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path relative = from.relativize(p);
                if (relative.startsWith("data")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to.resolve(relative.toString()));
                } else {
                    Files.copy(p, to.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    /** The node holding the mailbox lease ("a" or "b"). */
    private static String holder(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, TestPostgres.SUPERUSER, "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT owner FROM tipbridge_leases WHERE name = 'mailbox' AND expires_at > now()")) {
            if (!rs.next()) {
                throw new IllegalStateException("no node holds the mailbox lease");
            }
            return rs.getString(1).substring(0, 1); // "a-1f2e3d4c": the name, then a suffix per start
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface Holder {
        String get() throws Exception;
    }

    /** The daemons, by node name. */
    private static final class Nodes {
        private final Args args;
        private final Mailbox mailbox;
        private final Map<String, String> env;
        private final Path work;
        private final Map<String, Path> homes;
        private final Map<String, DaemonProcess> running = new HashMap<>();

        Nodes(Args args, Mailbox mailbox, Map<String, String> env, Path work, Map<String, Path> homes) {
            this.args = args;
            this.mailbox = mailbox;
            this.env = env;
            this.work = work;
            this.homes = homes;
        }

        void start(String node) throws IOException {
            Map<String, String> nodeEnv = new HashMap<>(env);
            nodeEnv.put("TIPBRIDGE_CLUSTER_NODE_NAME", node);
            running.put(
                    node,
                    DaemonProcess.start(
                            args.jar(),
                            homes.get(node),
                            mailbox.imapPort(),
                            nodeEnv,
                            Daemons.jvmArgs(args, "256m"),
                            work.resolve("daemon-" + node + ".log")));
        }

        void kill(String node) throws InterruptedException {
            running.remove(node).kill();
        }

        void stopAll() throws IOException {
            for (DaemonProcess d : running.values()) {
                d.close();
            }
            running.clear();
        }
    }

    /** One measured phase: deliver, start or disturb, wait for every commit. */
    private record Phase(Mailbox mailbox, RecordCounter counter, TipMail tipMail, int tips) {
        void run(String name, int offset, Step start) throws Exception {
            deliver(offset);
            int base = counter.counts().total();
            long launch = System.nanoTime();
            start.run();
            long first = counter.awaitTotal(base + 1, POLL_NANOS, STALL_SECONDS);
            long last = counter.awaitTotal(base + tips, POLL_NANOS, STALL_SECONDS);
            System.out.printf(
                    "[%s] %d tips: %s from launch = %s tips/s; first->last commit %s tips/s (%s)%n",
                    name,
                    tips,
                    Daemons.seconds(last - launch),
                    Daemons.rate(tips, last - launch),
                    Daemons.rate(tips - 1, last - first),
                    Jvm.load());
        }

        void failover(int offset, Nodes nodes, Holder holder) throws Exception {
            int base = counter.counts().total();
            long start = System.nanoTime();
            deliver(offset); // the warm nodes take tips while they arrive
            counter.awaitTotal(base + tips / 2, POLL_NANOS, STALL_SECONDS);
            String victim = holder.get();
            long killed = System.nanoTime();
            nodes.kill(victim);
            int atKill = counter.counts().total();
            long resumed = counter.awaitTotal(atKill + 1, POLL_NANOS, STALL_SECONDS);
            long last = counter.awaitTotal(base + tips, POLL_NANOS, STALL_SECONDS);
            System.out.printf(
                    "[failover] killed node %s after %d of %d tips; next commit %s later;"
                            + " whole phase %s = %s tips/s; %d rows in total (expected %d)%n",
                    victim,
                    atKill - base,
                    tips,
                    Daemons.seconds(resumed - killed),
                    Daemons.seconds(last - start),
                    Daemons.rate(tips, last - start),
                    counter.counts().total(),
                    base + tips);
        }

        private void deliver(int offset) throws Exception {
            List<byte[]> mails = new ArrayList<>(tips);
            for (int i = 0; i < tips; i++) {
                mails.add(tipMail.small(offset + i));
            }
            for (byte[] m : mails) {
                mailbox.deliver(m);
            }
        }
    }
}
