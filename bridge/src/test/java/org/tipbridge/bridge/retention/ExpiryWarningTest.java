// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipbridge.bridge.retention.RetentionFixture.NOW;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.retention.ExpiryWarning.Expiring;
import org.tipbridge.conf.RetentionConfig;

class ExpiryWarningTest extends FixtureTest {

    private final ExpiryWarning warning = new ExpiryWarning(new RetentionPolicy(RetentionFixture.config()));

    @Test
    void warnsOfRecordsExpiringWithinWarnDaysSoonestFirst() {
        long overdue = f.record(HANDLE, 95, 0);
        long inSixDays = f.record(HANDLE, 84, 0);
        long inTwoDays = f.record(HANDLE, 88, 0);
        f.record(HANDLE, 82, 0);
        long held = f.record(HANDLE, 88, 0);
        f.hold(held, NOW.plus(Duration.ofDays(30)));

        List<Expiring> expiring = warning.find(f.store, NOW);

        assertThat(expiring).extracting(Expiring::id).containsExactly(overdue, inTwoDays, inSixDays);
        assertThat(warning.lines(expiring, NOW))
                .containsExactly("3 records expire within 7 days (record " + overdue + " on 2026-11-28, record "
                        + inTwoDays + " on 2026-11-30, record " + inSixDays + " on 2026-12-04); keep one with"
                        + " `tipbridge queue keep ID --until YYYY-MM-DD`");
    }

    @Test
    void namesFiveAndCountsTheRest() {
        for (int i = 0; i < 7; i++) {
            f.record(HANDLE, 85, 0);
        }

        List<String> lines = warning.lines(warning.find(f.store, NOW), NOW);

        assertThat(lines)
                .singleElement()
                .asString()
                .startsWith("7 records expire")
                .contains(", and 2 more)");
    }

    @Test
    void zeroWarnDaysWarnsOfNothing() {
        f.record(HANDLE, 95, 0);
        RetentionConfig c = RetentionFixture.config();
        RetentionConfig silent = new RetentionConfig(
                c.closed(), c.untouched(), c.handleIdle(), c.quarantine(), Duration.ZERO, c.runEvery());

        ExpiryWarning quiet = new ExpiryWarning(new RetentionPolicy(silent));

        assertThat(quiet.find(f.store, NOW)).isEmpty();
        assertThat(quiet.lines(List.of(), NOW)).isEmpty();
    }
}
