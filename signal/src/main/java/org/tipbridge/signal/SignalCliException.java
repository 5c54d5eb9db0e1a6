// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

/**
 * A signal-cli call failed. Messages never contain phone numbers, UUIDs, names or message text:
 * signal-cli's own error texts may quote them, so only the JSON-RPC error code is kept.
 */
public sealed class SignalCliException extends Exception
        permits SignalCliException.Unreachable,
                SignalCliException.Timeout,
                SignalCliException.Rpc,
                SignalCliException.Protocol {

    private SignalCliException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The socket could not be opened, or was closed while waiting. */
    public static final class Unreachable extends SignalCliException {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** No answer within the request timeout. */
    public static final class Timeout extends SignalCliException {
        public Timeout(String message) {
            super(message, null);
        }
    }

    /** signal-cli answered with a JSON-RPC error: -1 user error, -3 IO, -4 untrusted identity, -5 rate limit, ... */
    public static final class Rpc extends SignalCliException {
        private final int code;

        public Rpc(int code) {
            super("signal-cli error " + code, null);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** What came back is not valid JSON-RPC, or breaks a {@link SignalLimits} bound. */
    public static final class Protocol extends SignalCliException {
        public Protocol(String message) {
            super(message, null);
        }
    }
}
