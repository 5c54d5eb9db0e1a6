// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class DiskGuardTest {
    private static final long MIB = 1024 * 1024;
    private final AtomicLong free = new AtomicLong(1000 * MIB);

    @Test
    void stopsBelowTheThresholdAndResumesOnlyAboveItWithAMargin() {
        DiskGuard guard = new DiskGuard(free::get, 256 * MIB);
        assertThat(guard.accepting()).isTrue();
        free.set(255 * MIB);
        assertThat(guard.accepting()).isFalse();
        assertThat(guard.low()).isTrue();
        free.set(300 * MIB);
        assertThat(guard.accepting())
                .as("back above the threshold but within the margin")
                .isFalse();
        free.set(256 * MIB + 64 * MIB);
        assertThat(guard.accepting()).isTrue();
        assertThat(guard.low()).isFalse();
    }

    @Test
    void marginIsATenthOfALargeThreshold() {
        DiskGuard guard = new DiskGuard(free::get, 2000 * MIB);
        free.set(1999 * MIB);
        assertThat(guard.accepting()).isFalse();
        free.set(2199 * MIB);
        assertThat(guard.accepting()).isFalse();
        free.set(2200 * MIB);
        assertThat(guard.accepting()).isTrue();
    }

    @Test
    void aProbeThatFailsStopsIntake() {
        DiskGuard guard = new DiskGuard(
                () -> {
                    throw new IOException("statfs failed");
                },
                MIB);
        assertThat(guard.accepting()).isFalse();
    }

    @Test
    void aProbeThatKeepsFailingIsLoggedOnceWithoutAStackTraceUntilItWorksAgain() {
        AtomicBoolean failing = new AtomicBoolean(true);
        DiskGuard guard = new DiskGuard(
                () -> {
                    if (failing.get()) {
                        throw new IOException("statfs failed");
                    }
                    return 1024 * MIB;
                },
                MIB);
        Logger logger = (Logger) LoggerFactory.getLogger(DiskGuard.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            for (int i = 0; i < 100; i++) {
                assertThat(guard.accepting()).isFalse();
            }
            failing.set(false);
            assertThat(guard.accepting()).isTrue();
        } finally {
            logger.detachAppender(log);
        }
        assertThat(log.list)
                .filteredOn(e -> e.getFormattedMessage().contains("could not be read"))
                .hasSize(1)
                .allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
        assertThat(log.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("can be read again"));
    }

    @Test
    void zeroThresholdNeverStops() {
        DiskGuard guard = new DiskGuard(() -> 0, 0);
        assertThat(guard.accepting()).isTrue();
    }

    @Test
    void realProbeReadsTheLeastFreeSpaceAndClimbsToAnExistingParent(@TempDir Path dir) throws IOException {
        FileStoreSpace space = new FileStoreSpace(List.of(dir, dir.resolve("not/yet/there")));
        long usable = space.usableBytes();
        assertThat(usable).isPositive().isLessThanOrEqualTo(dir.toFile().getTotalSpace());
    }
}
