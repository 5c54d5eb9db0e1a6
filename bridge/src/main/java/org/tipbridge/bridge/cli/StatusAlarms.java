// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tipbridge.bridge.daemon.DaemonStatus;
import org.tipbridge.bridge.store.OutboxStatus;

/**
 * What in a status needs an operator: each alarm a stable code and one plain line saying what to
 * do. Built from the daemon's status file and the outbox counts; no identifiers.
 */
final class StatusAlarms {

    /** One alarm. */
    record Alarm(String code, String text) {}

    private StatusAlarms() {}

    /**
     * The alarms of a status; with {@code running} false the file is from a run that is over, and
     * only what outlives a run (set-aside spool files, the outbox) is reported.
     */
    static List<Alarm> of(
            Map<String, DaemonStatus.Channel> channels, boolean running, Map<OutboxStatus, Integer> outbox) {
        List<Alarm> alarms = new ArrayList<>();
        DaemonStatus.Channel signal = channels.get("signal");
        if (signal != null && running) {
            signal(signal, alarms);
        }
        if (signal != null) {
            setAside(signal, alarms);
        }
        int attention =
                outbox.getOrDefault(OutboxStatus.NEEDS_DECISION, 0) + outbox.getOrDefault(OutboxStatus.FAILED, 0);
        if (attention > 0) {
            alarms.add(new Alarm(
                    "outbox-attention",
                    attention + " outbox entr" + (attention == 1 ? "y needs" : "ies need")
                            + " a decision or failed: see `tipbridge outbox list`"));
        }
        return alarms;
    }

    /**
     * The intake alarms of a running daemon: {@code disk-low} while intake is stopped for want of
     * disk space, {@code flood} for each channel that rate-limited a message in the last 15 minutes.
     */
    static List<Alarm> intake(DaemonStatus status, boolean running) {
        List<Alarm> alarms = new ArrayList<>();
        if (!running) {
            return alarms;
        }
        if (status.diskNearlyFull()) {
            alarms.add(new Alarm(
                    "disk-low",
                    "the disk is nearly full: no message is taken (none is lost; they wait upstream)"
                            + " until space is freed above [store] min_free_mb; see the operator guide, floods"
                            + " and disk space"));
        }
        status.floods().forEach((channel, flood) -> {
            if (flood.flooding()) {
                alarms.add(new Alarm(
                        "flood",
                        flood.rateLimited() + " " + channel + " message(s) over the rate limits since the daemon"
                                + " started, some in the last 15 minutes ([floods]); see the operator guide,"
                                + " floods and disk space"));
            }
        });
        return alarms;
    }

    private static void signal(DaemonStatus.Channel c, List<Alarm> alarms) {
        if (positive(c.undecryptable())) {
            alarms.add(new Alarm(
                    "signal-undecryptable",
                    c.undecryptable() + " Signal message(s) signal-cli could not decrypt: upgrade signal-cli"));
        }
        if (Boolean.TRUE.equals(c.quiet())) {
            alarms.add(new Alarm(
                    "signal-quiet",
                    "no Signal message arrived for [signal] alarm_quiet_hours: check signal-cli's journal"
                            + " and that the account is still registered"));
        }
        if (positive(c.refusedLines())) {
            alarms.add(new Alarm(
                    "signal-refused-lines",
                    c.refusedLines() + " line(s) from signal-cli were over the length limit and skipped:"
                            + " a message may be lost; see the daemon's log"));
        }
    }

    private static void setAside(DaemonStatus.Channel c, List<Alarm> alarms) {
        if (positive(c.spoolSetAside())) {
            alarms.add(new Alarm(
                    "signal-set-aside",
                    c.spoolSetAside() + " Signal message(s) set aside, still sealed, in data/signal-spool:"
                            + " see the operator guide, section 12"));
        }
    }

    private static boolean positive(Long n) {
        return n != null && n > 0;
    }
}
