// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

/**
 * A verb failed in a way the user can act on. The exit code is decided here, in one place:
 * 2 usage, 3 not found, 4 cannot decrypt, 1 anything else. Messages are one line, say what to
 * do next, and never contain tip content or sender data.
 */
public sealed class CliFailure extends RuntimeException
        permits CliFailure.Usage, CliFailure.NotFound, CliFailure.CannotDecrypt, CliFailure.Other {
    private final int exitCode;

    private CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static final class Usage extends CliFailure {
        public Usage(String message) {
            super(2, message);
        }
    }

    public static final class NotFound extends CliFailure {
        public NotFound(String message) {
            super(3, message);
        }
    }

    public static final class CannotDecrypt extends CliFailure {
        public CannotDecrypt(String message) {
            super(4, message);
        }
    }

    public static final class Other extends CliFailure {
        public Other(String message) {
            super(1, message);
        }
    }
}
