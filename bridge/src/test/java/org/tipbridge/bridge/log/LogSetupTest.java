// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LogSetupTest {

    @TempDir
    Path dir;

    /** logback.xml's level propagator touches the process-wide java.util.logging root; put it back. */
    @AfterEach
    void restoreJavaUtilLoggingLevel() {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
    }

    @Test
    void logbackXmlSendsRedactedLinesToStderr() throws JoranException {
        LoggerContext context = contextFromLogbackXml();
        Appender<ILoggingEvent> appender =
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("stderr");

        assertThat(appender).isInstanceOf(ConsoleAppender.class);
        assertThat(((ConsoleAppender<ILoggingEvent>) appender).getTarget()).isEqualTo("System.err");
        LayoutWrappingEncoder<ILoggingEvent> encoder =
                (LayoutWrappingEncoder<ILoggingEvent>) ((ConsoleAppender<ILoggingEvent>) appender).getEncoder();
        assertThat(encoder.getLayout()).isInstanceOf(RedactingLayout.class);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        for (String noisy : new String[] {"com.icegreen", "org.flywaydb", "org.quartz", "com.zaxxer"}) {
            assertThat(context.getLogger(noisy).getLevel()).as(noisy).isEqualTo(Level.WARN);
        }
    }

    @Test
    void fileIsOwnerOnlyAndRedacted() throws IOException, JoranException {
        LoggerContext context = contextFromLogbackXml();
        Path file = dir.resolve("logs/tipbridge.log");

        LogSetup.configure(context, org.slf4j.event.Level.DEBUG, Optional.of(file));
        context.getLogger("org.tipbridge.bridge.daemon.Daemon").debug("polled tips@example.org: {} new", 3);
        context.stop();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .contains("DEBUG Daemon polled [redacted]: 3 new")
                .doesNotContain("tips@example.org");
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("stderr"))
                .isNull();
    }

    @Test
    void existingFileIsTightenedTo0600() throws IOException, JoranException {
        Path file = Files.createFile(dir.resolve("open.log"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        LoggerContext context = contextFromLogbackXml();

        LogSetup.configure(context, org.slf4j.event.Level.INFO, Optional.of(file));
        context.stop();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void setsRootLevelAndKeepsStderrWithoutFile() throws IOException, JoranException {
        LoggerContext context = contextFromLogbackXml();

        LogSetup.configure(context, org.slf4j.event.Level.WARN, Optional.empty());

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("stderr"))
                .isNotNull();
        context.stop();
    }

    @Test
    void acceptsConfigLevelNames() {
        assertThat(LogSetup.level("debug")).isEqualTo(org.slf4j.event.Level.DEBUG);
        assertThat(LogSetup.level("WARN")).isEqualTo(org.slf4j.event.Level.WARN);
        assertThatThrownBy(() -> LogSetup.level("verbose")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void javaUtilLoggingGoesThroughLogback() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(root.getLoggerContext());
        captured.start();
        root.addAppender(captured);
        try {
            LogSetup.bridgeJavaUtilLogging(org.slf4j.event.Level.INFO);
            java.util.logging.Logger.getLogger("org.eclipse.angus.mail.imap").warning("IMAP trouble");

            assertThat(captured.list)
                    .anySatisfy(e -> assertThat(e.getFormattedMessage()).isEqualTo("IMAP trouble"));
        } finally {
            root.detachAppender(captured);
        }
    }

    private static LoggerContext contextFromLogbackXml() throws JoranException {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogSetupTest.class.getResource("/logback.xml"));
        return context;
    }
}
