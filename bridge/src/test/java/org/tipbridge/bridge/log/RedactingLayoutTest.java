// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.net.SocketException;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedactingLayoutTest {

    private final LoggerContext context = new LoggerContext();
    private final RedactingLayout layout = new RedactingLayout();

    @BeforeEach
    void start() {
        layout.setContext(context);
        layout.start();
    }

    @Test
    void writesOneRedactedLinePerEvent() {
        LoggingEvent event = event(Level.INFO, "record {} sealed for {}", null, 42, "alice@example.org");
        event.setInstant(Instant.parse("2026-11-03T10:15:30.123Z"));

        assertThat(layout.doLayout(event))
                .isEqualTo(
                        "2026-11-03T10:15:30.123Z INFO  Seal record 42 sealed for [redacted]" + System.lineSeparator());
    }

    @Test
    void layoutNeverPrintsExceptionMessages() {
        IOException failure = new IOException(
                "cannot reach mail.example.org for bob@example.org",
                new SocketException("Connection reset by 203.0.113.9"));

        String line = layout.doLayout(event(Level.WARN, "fetch failed", failure));

        assertThat(line)
                .endsWith("WARN  Seal fetch failed [IOException <- SocketException]" + System.lineSeparator())
                .doesNotContain("example.org")
                .doesNotContain("203.0.113.9")
                .doesNotContain("Connection reset")
                .doesNotContain("\tat ");
    }

    @Test
    void cyclicCauseChainsEnd() {
        IllegalStateException outer = new IllegalStateException("a");
        IllegalArgumentException inner = new IllegalArgumentException("b", outer);
        outer.initCause(inner);

        String line = layout.doLayout(event(Level.ERROR, "loop", outer));

        assertThat(line).contains("[IllegalStateException <- IllegalArgumentException");
    }

    @Test
    void neverLetsControlCharactersThrough() {
        String line = layout.doLayout(event(Level.INFO, "subject {}", null, "a\nb\u001b[31mc\u202ed"));

        assertThat(line).endsWith("subject a\\nb?[31mc?d" + System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n");
    }

    @Test
    void cutsLongMessagesWithoutHalvingIdentifiers() {
        String message = "x".repeat(8180) + " alice@example.org " + "y".repeat(100);

        String line = layout.doLayout(event(Level.INFO, message, null));

        assertThat(line).doesNotContain("alice").doesNotContain("example").contains("characters cut)");
        assertThat(line.length()).isLessThan(8300);
    }

    private LoggingEvent event(Level level, String message, Throwable throwable, Object... args) {
        Logger logger = context.getLogger("org.tipbridge.bridge.pipeline.Seal");
        return new LoggingEvent(Logger.class.getName(), logger, level, message, throwable, args);
    }
}
