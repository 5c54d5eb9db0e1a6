// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Formats every event as one line, {@code 2026-11-03T10:15:30.123Z WARN  Seal message
 * [IOException <- SocketException]}: UTC time, level, the logger's simple name, the message
 * (cut at 8192 characters) passed through {@link Redactor}, and for a throwable only the class
 * names of its cause chain, never exception messages or stack frames.
 */
public final class RedactingLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Cause chains longer than this are cut: enough to diagnose, bounded if a chain is cyclic. */
    private static final int MAX_CAUSES = 8;
    /** Longer messages are cut before redaction, which bounds its cost per line. */
    private static final int MAX_MESSAGE_CHARS = 8192;

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(160)
                .append(TIME.format(event.getInstant()))
                .append(' ')
                .append(String.format("%-5s", event.getLevel()))
                .append(' ')
                .append(LogText.oneLine(simpleName(event.getLoggerName())))
                .append(' ')
                .append(LogText.oneLine(Redactor.redact(LogText.truncate(message(event), MAX_MESSAGE_CHARS))));
        causeChain(event.getThrowableProxy())
                .ifPresent(chain -> line.append(" [").append(chain).append(']'));
        return line.append(CoreConstants.LINE_SEPARATOR).toString();
    }

    private static String message(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        return message == null ? "" : message;
    }

    /** The simple class names of a throwable and its causes, outermost first. */
    static Optional<String> causeChain(IThrowableProxy throwable) {
        if (throwable == null) {
            return Optional.empty();
        }
        StringBuilder chain = new StringBuilder();
        IThrowableProxy current = throwable;
        for (int i = 0; current != null && i < MAX_CAUSES; i++, current = current.getCause()) {
            chain.append(i == 0 ? "" : " <- ").append(LogText.oneLine(simpleName(current.getClassName())));
        }
        if (current != null) {
            chain.append(" <- ...");
        }
        return Optional.of(chain.toString());
    }

    private static String simpleName(String name) {
        return name == null ? "" : name.substring(name.lastIndexOf('.') + 1);
    }
}
