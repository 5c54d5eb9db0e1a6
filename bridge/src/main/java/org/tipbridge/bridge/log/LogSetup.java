// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Applies the configured log level and destination at start, on top of {@code logback.xml}
 * (stderr, {@link RedactingLayout}): sets the root level, optionally replaces stderr by a file
 * only its owner can read, and routes {@code java.util.logging} (Jakarta Mail) through the same
 * layout.
 */
public final class LogSetup {

    private static final String FILE_APPENDER = "file";

    private LogSetup() {}

    /**
     * Configures logging for the process.
     *
     * @param level the root level
     * @param file a log file to use instead of stderr, created mode 0600 (appended to if it exists)
     * @throws UncheckedIOException when the file cannot be created or opened
     * @throws IllegalStateException when SLF4J is not bound to logback
     */
    public static void configure(org.slf4j.event.Level level, Optional<Path> file) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext)) {
            throw new IllegalStateException(
                    "logging is not backed by logback: " + factory.getClass().getName());
        }
        try {
            configure((LoggerContext) factory, level, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bridgeJavaUtilLogging(level);
    }

    /**
     * Configures logging with a level named as in {@code [log] level}: error, warn, info or debug
     * (any case).
     *
     * @throws IllegalArgumentException for another level name
     */
    public static void configure(String level, Optional<Path> file) {
        configure(level(level), file);
    }

    /** The level named error, warn, info or debug (any case). */
    static org.slf4j.event.Level level(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "error":
                return org.slf4j.event.Level.ERROR;
            case "warn":
                return org.slf4j.event.Level.WARN;
            case "info":
                return org.slf4j.event.Level.INFO;
            case "debug":
                return org.slf4j.event.Level.DEBUG;
            default:
                throw new IllegalArgumentException("log level must be one of error, warn, info, debug");
        }
    }

    /** Sets the root level and the destination of one logback context. */
    static void configure(LoggerContext context, org.slf4j.event.Level level, Optional<Path> file) throws IOException {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level.name()));
        if (file.isPresent()) {
            FileAppender<ILoggingEvent> appender = fileAppender(context, file.get());
            root.detachAndStopAllAppenders();
            root.addAppender(appender);
        }
    }

    /** Sends java.util.logging records to SLF4J, at the level logback will let through. */
    static void bridgeJavaUtilLogging(org.slf4j.event.Level level) {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        java.util.logging.Logger.getLogger("").setLevel(julLevel(level));
    }

    private static FileAppender<ILoggingEvent> fileAppender(LoggerContext context, Path file) throws IOException {
        OwnerOnlyFile.prepare(file);
        RedactingLayout layout = new RedactingLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName(FILE_APPENDER);
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            throw new IOException("cannot open log file " + file);
        }
        return appender;
    }

    private static java.util.logging.Level julLevel(org.slf4j.event.Level level) {
        switch (level) {
            case ERROR:
                return java.util.logging.Level.SEVERE;
            case WARN:
                return java.util.logging.Level.WARNING;
            case INFO:
                return java.util.logging.Level.INFO;
            case DEBUG:
                return java.util.logging.Level.FINE;
            default:
                return java.util.logging.Level.FINEST;
        }
    }
}
