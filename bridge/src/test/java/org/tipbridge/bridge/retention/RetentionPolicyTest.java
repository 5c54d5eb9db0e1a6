// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.store.RetentionStore.RecordTimes;
import org.tipbridge.conf.RetentionConfig;

class RetentionPolicyTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    static RetentionConfig config(int closed, int untouched, int idle, int quarantine) {
        return new RetentionConfig(
                days(closed), days(untouched), days(idle), days(quarantine), Duration.ofDays(7), Duration.ofHours(1));
    }

    private static Optional<Duration> days(int n) {
        return n == 0 ? Optional.empty() : Optional.of(Duration.ofDays(n));
    }

    private static RecordTimes record(String status, Instant touched, Instant closed, Instant keepUntil) {
        return new RecordTimes(
                7,
                "amber-otter-7K4QX",
                status,
                T0,
                touched,
                Optional.ofNullable(closed),
                Optional.ofNullable(keepUntil));
    }

    private final RetentionPolicy policy = new RetentionPolicy(config(30, 90, 60, 14));

    @Test
    void closedRecordExpiresExactlyClosedDaysAfterClosing() {
        RecordTimes r = record("closed", T0, T0.plus(DAY), null);
        Instant at = T0.plus(DAY).plus(Duration.ofDays(30));

        assertThat(policy.expiry(r)).contains(new Expiry(at, RetentionPolicy.CLOSED));
        assertThat(policy.dueRule(r, at.minusSeconds(1))).isEmpty();
        assertThat(policy.dueRule(r, at)).contains(RetentionPolicy.CLOSED);
    }

    @Test
    void untouchedRecordExpiresExactlyUntouchedDaysAfterTheLastAction() {
        RecordTimes r = record("triaged", T0.plus(Duration.ofDays(10)), null, null);
        Instant at = T0.plus(Duration.ofDays(100));

        assertThat(policy.expiry(r)).contains(new Expiry(at, RetentionPolicy.UNTOUCHED));
        assertThat(policy.dueRule(r, at.minusSeconds(1))).isEmpty();
        assertThat(policy.dueRule(r, at)).contains(RetentionPolicy.UNTOUCHED);
    }

    @Test
    void closedTimeCountsOnlyWhileTheRecordIsClosed() {
        RecordTimes reopened = record("investigating", T0, T0, null);

        assertThat(policy.expiry(reopened).orElseThrow().rule()).isEqualTo(RetentionPolicy.UNTOUCHED);
    }

    @Test
    void earlierRuleWins() {
        RecordTimes closedLongAfterLastTouch = record("closed", T0, T0.plus(Duration.ofDays(80)), null);

        assertThat(policy.expiry(closedLongAfterLastTouch))
                .contains(new Expiry(T0.plus(Duration.ofDays(90)), RetentionPolicy.UNTOUCHED));
    }

    @Test
    void zeroDaysMeansNeverByThatRule() {
        RetentionPolicy never = new RetentionPolicy(config(0, 0, 0, 0));
        RecordTimes r = record("closed", T0, T0, null);

        assertThat(never.expiry(r)).isEmpty();
        assertThat(never.dueRule(r, T0.plus(Duration.ofDays(100_000)))).isEmpty();
        assertThat(never.recordCutoffs(T0).closedBy()).isEmpty();
        assertThat(never.recordCutoffs(T0).touchedBy()).isEmpty();
        assertThat(never.mappingExpiry(T0)).isEmpty();
        assertThat(never.mappingCutoffs(T0).idleBy()).isEmpty();
        assertThat(never.quarantineExpiry(T0)).isEmpty();
        assertThat(never.quarantineCutoff(T0)).isEmpty();
    }

    @Test
    void onlyClosedRuleSetLeavesOpenRecordsForever() {
        RetentionPolicy closedOnly = new RetentionPolicy(config(30, 0, 0, 0));

        assertThat(closedOnly.expiry(record("new", T0, null, null))).isEmpty();
        assertThat(closedOnly
                        .expiry(record("closed", T0, T0, null))
                        .orElseThrow()
                        .rule())
                .isEqualTo(RetentionPolicy.CLOSED);
    }

    @Test
    void holdBeatsEveryRuleUntilItEnds() {
        Instant holdEnd = T0.plus(Duration.ofDays(365));
        RecordTimes held = record("closed", T0, T0, holdEnd);

        assertThat(policy.expiry(held)).contains(new Expiry(holdEnd, RetentionPolicy.CLOSED));
        assertThat(policy.dueRule(held, holdEnd.minusSeconds(1))).isEmpty();
        assertThat(policy.dueRule(held, holdEnd)).contains(RetentionPolicy.CLOSED);
    }

    @Test
    void holdEndingBeforeTheRulesChangesNothing() {
        RecordTimes r = record("closed", T0, T0, T0.plus(DAY));

        assertThat(policy.expiry(r)).contains(new Expiry(T0.plus(Duration.ofDays(30)), RetentionPolicy.CLOSED));
    }

    @Test
    void holdDoesNotMakeANeverExpiringRecordExpire() {
        RetentionPolicy never = new RetentionPolicy(config(0, 0, 0, 0));

        assertThat(never.expiry(record("closed", T0, T0, T0.plus(DAY)))).isEmpty();
    }

    @Test
    void cutoffsSelectExactlyWhatThePolicyCallsDue() {
        Instant now = T0.plus(Duration.ofDays(200));

        assertThat(policy.recordCutoffs(now).closedBy()).contains(now.minus(Duration.ofDays(30)));
        assertThat(policy.recordCutoffs(now).touchedBy()).contains(now.minus(Duration.ofDays(90)));
        assertThat(policy.recordCutoffs(now).now()).isEqualTo(now);
    }

    @Test
    void mappingExpiresHandleIdleDaysAfterTheSenderWasLastSeen() {
        assertThat(policy.mappingExpiry(T0)).contains(T0.plus(Duration.ofDays(60)));
        assertThat(policy.mappingCutoffs(T0).idleBy()).contains(T0.minus(Duration.ofDays(60)));
        assertThat(policy.mappingCutoffs(T0).orphanBy()).isEqualTo(T0.minus(RetentionPolicy.ORPHAN_GRACE));
    }

    @Test
    void quarantineEntryExpiresQuarantineDaysAfterArrival() {
        assertThat(policy.quarantineExpiry(T0)).contains(T0.plus(Duration.ofDays(14)));
        assertThat(policy.quarantineCutoff(T0)).contains(T0.minus(Duration.ofDays(14)));
    }
}
