// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.RetentionStore.RecordTimes;

/** Records that expire within {@code [retention] warn_days}, and the line that points them out. */
public final class ExpiryWarning {
    /** How many records the line names; the rest are counted. */
    static final int NAMED = 5;

    /** The warning stops counting here ("1000 or more"), so {@code queue list} stays fast on a large store. */
    static final int COUNTED = 1000;

    private final RetentionPolicy policy;

    public ExpiryWarning(RetentionPolicy policy) {
        this.policy = policy;
    }

    /** One record about to expire. */
    public record Expiring(long id, Instant at, String rule) {}

    /**
     * Records that expire within the warning period from {@code now} (overdue ones included), soonest
     * first; at most about {@link #COUNTED}, the oldest ids first.
     */
    public List<Expiring> find(RecordStore store, Instant now) {
        Duration before = policy.config().warnBefore();
        if (before.isZero()) {
            return List.of();
        }
        Instant horizon = now.plus(before);
        return new DryRun(store, policy)
                .dueRecords(horizon, COUNTED).stream()
                        .map(this::expiring)
                        .flatMap(Optional::stream)
                        .sorted(Comparator.comparing(Expiring::at).thenComparingLong(Expiring::id))
                        .toList();
    }

    private Optional<Expiring> expiring(RecordTimes r) {
        return policy.expiry(r).map(e -> new Expiring(r.id(), e.at(), e.rule()));
    }

    /** The warning as text lines (none when nothing expires). */
    public List<String> lines(List<Expiring> expiring, Instant now) {
        if (expiring.isEmpty()) {
            return List.of();
        }
        long days = policy.config().warnBefore().toDays();
        String named = expiring.stream()
                .limit(NAMED)
                .map(e -> "record " + e.id() + " on " + date(e, now))
                .collect(Collectors.joining(", "));
        String rest = expiring.size() > NAMED ? ", and " + (expiring.size() - NAMED) + " more" : "";
        String count = expiring.size() >= COUNTED
                ? COUNTED + " or more records expire"
                : expiring.size() == 1 ? "1 record expires" : expiring.size() + " records expire";
        return List.of(count + " within " + days + (days == 1 ? " day" : " days") + " (" + named + rest
                + "); keep one with `tipbridge queue keep ID --until YYYY-MM-DD`");
    }

    /** The warning for {@code --json}: the period, the count and each record with its date and rule. */
    public Map<String, Object> json(List<Expiring> expiring, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("withinDays", policy.config().warnBefore().toDays());
        m.put("count", expiring.size());
        m.put("countIsMinimum", expiring.size() >= COUNTED);
        m.put(
                "records",
                expiring.stream()
                        .map(e -> Map.of("id", e.id(), "expires", date(e, now), "rule", e.rule()))
                        .toList());
        return m;
    }

    /** The UTC day it goes; an overdue record goes at the next run, today. */
    private static String date(Expiring e, Instant now) {
        Instant at = e.at().isBefore(now) ? now : e.at();
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
