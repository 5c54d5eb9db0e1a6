// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.tipbridge.bridge.store.RetentionStore.MappingCutoffs;
import org.tipbridge.bridge.store.RetentionStore.RecordCutoffs;
import org.tipbridge.bridge.store.RetentionStore.RecordTimes;
import org.tipbridge.conf.RetentionConfig;

/**
 * The {@code [retention]} rules as arithmetic, without I/O: when a record, a mapping or a
 * quarantine entry expires and why. A period N makes a thing due exactly N after its start time
 * (inclusive); an empty period never expires anything; a record's hold keeps it until the hold's
 * end even when a rule expired it earlier.
 */
public final class RetentionPolicy {

    /** A closed record, counted from when it was closed. */
    public static final String CLOSED = "closed";

    /** A record no analyst acted on, counted from its arrival or the last action. */
    public static final String UNTOUCHED = "untouched";

    /**
     * A mapping whose handle has no record left is destroyed only once its sender was not seen for
     * this long: a margin for a message whose mapping was made but whose record is not committed yet
     * (receive times are at most a day coarse).
     */
    public static final Duration ORPHAN_GRACE = Duration.ofDays(2);

    private final RetentionConfig config;

    public RetentionPolicy(RetentionConfig config) {
        this.config = config;
    }

    public RetentionConfig config() {
        return config;
    }

    /** When the record expires (the earlier rule wins, a hold postpones it), or empty: never. */
    public Optional<Expiry> expiry(RecordTimes r) {
        Optional<Expiry> closed = r.status().equals(CLOSED)
                ? config.closed().flatMap(p -> r.closed().map(at -> new Expiry(at.plus(p), CLOSED)))
                : Optional.empty();
        Optional<Expiry> untouched =
                config.untouched().map(p -> new Expiry(r.touched().plus(p), UNTOUCHED));
        Optional<Expiry> byRule = earlier(closed, untouched);
        return byRule.map(e -> r.keepUntil()
                .filter(until -> until.isAfter(e.at()))
                .map(until -> new Expiry(until, e.rule()))
                .orElse(e));
    }

    /** The rule that makes the record due at {@code now}, or empty: keep it. */
    public Optional<String> dueRule(RecordTimes r, Instant now) {
        return expiry(r).filter(e -> e.dueAt(now)).map(Expiry::rule);
    }

    /** The store's pre-selection of records that may be due at {@code now}. */
    public RecordCutoffs recordCutoffs(Instant now) {
        return new RecordCutoffs(
                now, config.closed().map(now::minus), config.untouched().map(now::minus));
    }

    /** When a mapping last seen at {@code lastSeen} expires by idleness, or empty: never. */
    public Optional<Instant> mappingExpiry(Instant lastSeen) {
        return config.handleIdle().map(lastSeen::plus);
    }

    public MappingCutoffs mappingCutoffs(Instant now) {
        return new MappingCutoffs(config.handleIdle().map(now::minus), now.minus(ORPHAN_GRACE));
    }

    /** When a quarantine entry or a set-aside spool item received at {@code received} expires, or empty. */
    public Optional<Instant> quarantineExpiry(Instant received) {
        return config.quarantine().map(received::plus);
    }

    /** Quarantine entries received at or before this are due; empty: none ever is. */
    public Optional<Instant> quarantineCutoff(Instant now) {
        return config.quarantine().map(now::minus);
    }

    private static Optional<Expiry> earlier(Optional<Expiry> a, Optional<Expiry> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return b.get().at().isBefore(a.get().at()) ? b : a;
    }
}
