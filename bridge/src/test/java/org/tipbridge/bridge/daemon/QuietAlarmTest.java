// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuietAlarmTest {
    private static final Instant START = Instant.parse("2026-11-28T06:00:00Z");

    @Test
    void raisedOnlyOnceTheThresholdPassedWithoutAMessage() {
        QuietAlarm alarm = new QuietAlarm("Signal", Duration.ofHours(48));

        assertThat(alarm.check(START, START.plus(Duration.ofHours(47)))).isFalse();
        assertThat(alarm.check(START, START.plus(Duration.ofHours(48)))).isTrue();
        assertThat(alarm.check(START, START.plus(Duration.ofHours(100)))).isTrue();
    }

    @Test
    void aNewMessageClearsIt() {
        QuietAlarm alarm = new QuietAlarm("Signal", Duration.ofHours(1));
        Instant later = START.plus(Duration.ofHours(3));
        assertThat(alarm.check(START, later)).isTrue();

        assertThat(alarm.check(later.minusSeconds(60), later)).isFalse();
    }

    @Test
    void refusesANonPositiveThreshold() {
        assertThatThrownBy(() -> new QuietAlarm("Signal", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
