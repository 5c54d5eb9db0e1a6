// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.tipbridge.conf.TipbridgeConfig;

/**
 * What the running daemon tells the CLI about itself, in {@code data/status.json} (0600), rewritten
 * every few seconds: whether it runs, and each channel's state with the (coarse) time it last took
 * a message. No identifier, no content. {@code written} is the daemon's own clock (exact: it says
 * nothing about sources, and shows whether the file is fresh). Times are ISO-8601 strings.
 */
public record DaemonStatus(
        int version,
        String written,
        boolean running,
        Map<String, Channel> channels,
        Map<String, Flood> floods,
        Boolean diskLow) {

    public static final int VERSION = 1;
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public DaemonStatus {
        channels = Map.copyOf(channels);
        floods = floods == null ? Map.of() : Map.copyOf(floods);
    }

    /** A status without flood counts (a file written before they existed reads like this). */
    public DaemonStatus(int version, String written, boolean running, Map<String, Channel> channels) {
        this(version, written, running, channels, Map.of(), null);
    }

    /**
     * One channel's rate limits: {@code rateLimited} counts messages over a limit since the daemon
     * started (quarantined or dropped per {@code [floods] policy}); {@code flooding} is true while
     * one was limited within the last 15 minutes.
     */
    public record Flood(long rateLimited, boolean flooding) {}

    /** Whether intake is stopped because the disk is nearly full ({@code [store] min_free_mb}). */
    public boolean diskNearlyFull() {
        return Boolean.TRUE.equals(diskLow);
    }

    /**
     * One channel: {@code state} is connected, reconnecting or stopped; {@code lastMessage} may be
     * null. The rest is Signal only (null for e-mail): {@code undecryptable} counts envelopes
     * signal-cli could not decrypt since the daemon started (an alert condition); {@code
     * upstreamVersion} is signal-cli's version (null until it answered); {@code refusedLines} counts
     * lines over the length limit, skipped unread; {@code spoolPending} and {@code spoolSetAside}
     * count spooled messages waiting and set aside; {@code quiet} is true when no message arrived
     * for {@code [signal] alarm_quiet_hours} (counted from the later of start and last message).
     */
    public record Channel(
            String state,
            String lastMessage,
            Long undecryptable,
            String upstreamVersion,
            Long refusedLines,
            Long spoolPending,
            Long spoolSetAside,
            Boolean quiet) {

        /** A channel with nothing but a state and a last message time (e-mail). */
        public static Channel basic(String state, String lastMessage) {
            return new Channel(state, lastMessage, null, null, null, null, null, null);
        }
    }

    /** Where the status file of a home lives. */
    public static Path file(TipbridgeConfig config) {
        return config.store().blobDir().resolveSibling("status.json");
    }

    /** Reads the status file; empty when missing or unreadable (the daemon never ran, or is old). */
    public static Optional<DaemonStatus> read(Path file) {
        try {
            return Optional.of(JSON.readValue(file.toFile(), DaemonStatus.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Replaces the status file atomically (written 0600, then renamed). */
    void write(Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(partial, JSON.writeValueAsBytes(this));
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
