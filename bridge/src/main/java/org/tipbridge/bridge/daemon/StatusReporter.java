// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.flood.ChannelFloods;
import org.tipbridge.bridge.flood.FloodCount;
import org.tipbridge.bridge.flood.Floods;
import org.tipbridge.bridge.pipeline.CoarseClock;

/** Writes {@link DaemonStatus} for the CLI: periodically while running, and once more at stop. */
final class StatusReporter {
    private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);
    private final Path file;
    private final LeasedMailIntake intake;
    private final CoarseClock coarse;
    private final Clock clock;
    private final Optional<SignalChannel> signal;
    private final Floods floods;

    StatusReporter(
            Path file,
            LeasedMailIntake intake,
            Optional<SignalChannel> signal,
            Floods floods,
            CoarseClock coarse,
            Clock clock) {
        this.signal = signal;
        this.floods = floods;
        this.file = file;
        this.intake = intake;
        this.coarse = coarse;
        this.clock = clock;
    }

    void running() {
        write(true, intake.state());
    }

    void stopped() {
        write(false, "stopped");
    }

    /** A channel's flood counts; also logs a count not logged within the last minute. */
    private static DaemonStatus.Flood flood(ChannelFloods channel) {
        FloodCount count = channel.count();
        count.logIfDue();
        return new DaemonStatus.Flood(count.total(), count.flooding());
    }

    private void write(boolean running, String emailState) {
        String last =
                intake.lastMessage().map(t -> coarse.coarsen(t).toString()).orElse(null);
        Map<String, DaemonStatus.Channel> channels = new TreeMap<>();
        channels.put("email", DaemonStatus.Channel.basic(emailState, last));
        signal.ifPresent(s -> channels.put("signal", s.health(running, coarse, clock.instant())));
        Map<String, DaemonStatus.Flood> counts = new TreeMap<>();
        counts.put("email", flood(floods.email()));
        signal.ifPresent(s -> counts.put("signal", flood(floods.signal())));
        DaemonStatus status = new DaemonStatus(
                DaemonStatus.VERSION,
                clock.instant().toString(),
                running,
                channels,
                counts,
                floods.disk().low());
        try {
            status.write(file);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the status file could not be written", e);
        }
    }
}
