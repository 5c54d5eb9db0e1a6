// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tipbridge.bridge.daemon.Daemon;
import org.tipbridge.bridge.daemon.DaemonStatus;
import org.tipbridge.bridge.store.OutboxStatus;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.conf.TipbridgeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tipbridge status}: whether the daemon runs, each channel's state and last message time
 * (coarse), and counts of records, quarantine entries and outbox entries by status. No identifiers.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show the daemon's health, without identifiers.")
public final class StatusCommand implements Runnable {
    /** A status file older than this means the daemon is not running (it rewrites it every 10 s). */
    static final Duration STALE = Daemon.STATUS_PERIOD.multipliedBy(3);

    @Mixin
    HomeOption homeOption;

    @Option(names = "--json")
    boolean json;

    @Option(
            names = "--check",
            description = "Exit 1 when the daemon is not running or an alarm is raised (for monitoring).")
    boolean check;

    @Override
    public void run() {
        TipbridgeConfig config = homeOption.config();
        Optional<DaemonStatus> status = DaemonStatus.read(DaemonStatus.file(config));
        boolean running = status.map(StatusCommand::fresh).orElse(false);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("daemon", running ? "running" : "not running");
        view.put("channels", channels(status, running));
        List<StatusAlarms.Alarm> alarms;
        List<String> expiring;
        try (RecordStore store = RecordStore.open(config.store())) {
            view.put("records", store.count());
            view.put("quarantine", store.quarantineCount());
            Map<String, Integer> outbox = new LinkedHashMap<>();
            Map<OutboxStatus, Integer> counts = store.outbox().countByStatus();
            for (OutboxStatus s : OutboxStatus.values()) {
                outbox.put(s.wireName(), counts.getOrDefault(s, 0));
            }
            view.put("outbox", outbox);
            ExpiryNotice notice = ExpiryNotice.find(config, store);
            view.put("expiring", notice.json());
            expiring = notice.lines();
            alarms = new ArrayList<>(
                    StatusAlarms.of(status.map(DaemonStatus::channels).orElse(Map.of()), running, counts));
            status.ifPresent(s -> alarms.addAll(StatusAlarms.intake(s, running)));
            view.put("rateLimited", rateLimited(status));
        }
        view.put("alarms", alarms);
        Output out = new Output(System.out);
        if (json) {
            out.json(view);
        } else {
            text(out, view, running);
            expiring.forEach(line -> out.text("Retention:   " + line));
            alarms.forEach(a -> out.text("ALARM:       " + a.text()));
        }
        if (check && (!running || !alarms.isEmpty())) {
            throw new CliFailure.Other(
                    "not healthy: " + (running ? alarms.size() + " alarm(s)" : "the daemon is not running"));
        }
    }

    private static boolean fresh(DaemonStatus status) {
        try {
            Instant written = Instant.parse(status.written());
            return status.running() && Duration.between(written, Instant.now()).compareTo(STALE) < 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Map<String, Object> channels(Optional<DaemonStatus> status, boolean running) {
        Map<String, Object> channels = new LinkedHashMap<>();
        status.ifPresent(s -> s.channels().forEach((name, channel) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("state", running ? channel.state() : "stopped");
            c.put("lastMessage", channel.lastMessage());
            putIfSet(c, "undecryptable", channel.undecryptable());
            putIfSet(c, "signalCliVersion", channel.upstreamVersion());
            putIfSet(c, "refusedLines", channel.refusedLines());
            putIfSet(c, "spoolPending", channel.spoolPending());
            putIfSet(c, "spoolSetAside", channel.spoolSetAside());
            putIfSet(c, "quiet", channel.quiet());
            channels.put(name, c);
        }));
        return channels;
    }

    /** Messages over the rate limits since the daemon started, per channel. */
    private static Map<String, Long> rateLimited(Optional<DaemonStatus> status) {
        Map<String, Long> counts = new TreeMap<>();
        status.ifPresent(s -> s.floods().forEach((channel, flood) -> counts.put(channel, flood.rateLimited())));
        return counts;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static void text(Output out, Map<String, Object> view, boolean running) {
        out.text("Daemon:      " + view.get("daemon")
                + (running ? "" : " (start it with `tipbridge run`, or `systemctl start tipbridge`)"));
        ((Map<String, Map<String, Object>>) view.get("channels")).forEach((name, c) -> {
            Object last = c.get("lastMessage");
            out.text(String.format(
                    "%-12s %s%s%s",
                    label(name) + ":",
                    c.get("state"),
                    last == null ? ", no message taken since the daemon started" : ", last message " + last,
                    signalDetails(c)));
        });
        out.text("Records:     " + view.get("records"));
        out.text("Quarantine:  " + view.get("quarantine"));
        Map<String, Long> limited = (Map<String, Long>) view.get("rateLimited");
        if (limited.values().stream().anyMatch(n -> n > 0)) {
            StringBuilder line = new StringBuilder();
            limited.forEach((channel, n) -> line.append(line.length() == 0 ? "" : ", ")
                    .append(label(channel))
                    .append(' ')
                    .append(n));
            out.text("Rate-limited: " + line + " (since the daemon started)");
        }
        StringBuilder outbox = new StringBuilder();
        ((Map<String, Integer>) view.get("outbox")).forEach((s, n) -> {
            if (n > 0) {
                outbox.append(outbox.length() == 0 ? "" : ", ")
                        .append(s)
                        .append(' ')
                        .append(n);
            }
        });
        out.text("Outbox:      " + (outbox.length() == 0 ? "empty" : outbox));
    }

    private static String signalDetails(Map<String, Object> c) {
        StringBuilder details = new StringBuilder();
        if (c.containsKey("signalCliVersion")) {
            details.append(", signal-cli ").append(c.get("signalCliVersion"));
        }
        if (c.containsKey("spoolPending")) {
            details.append(", ").append(c.get("spoolPending")).append(" waiting in the spool");
        }
        return details.toString();
    }

    private static String label(String channel) {
        return channel.equals("email") ? "E-mail" : channel;
    }
}
