// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.PrintStream;

/**
 * A one-line progress display on the terminal (standard error) while an export writes: bytes so
 * far, redrawn at most every 200 ms. Silent when there is no terminal, so scripts see nothing.
 */
final class TerminalProgress implements BlobExporter.Progress, AutoCloseable {
    private static final long REDRAW_NANOS = 200_000_000L;
    private final PrintStream err;
    private long bytes;
    private long lastDraw;
    private boolean drawn;

    private TerminalProgress(PrintStream err) {
        this.err = err;
    }

    static TerminalProgress forStderr() {
        return new TerminalProgress(System.console() == null ? null : System.err);
    }

    @Override
    public void bytes(long n) {
        bytes += n;
        long now = System.nanoTime();
        if (err != null && now - lastDraw > REDRAW_NANOS) {
            lastDraw = now;
            drawn = true;
            err.print("\rExporting: " + String.format("%.1f", bytes / 1048576.0) + " MiB written ");
            err.flush();
        }
    }

    @Override
    public void close() {
        if (err != null && drawn) {
            err.println("\rExporting: " + String.format("%.1f", bytes / 1048576.0) + " MiB written, done.");
        }
    }
}
