// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

/**
 * Handles or the sealed reply-address map could not be used. Messages never carry a sender
 * identifier, a handle, a key or sealed content; a file path may appear (it is operator data).
 */
public abstract sealed class HandleException extends RuntimeException
        permits HandleException.SecretsUnusable, HandleException.SealedAddressRejected {

    private HandleException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The mapping-secrets file is missing, malformed, too widely readable, or already exists. */
    public static final class SecretsUnusable extends HandleException {
        public SecretsUnusable(String message, Throwable cause) {
            super(message, cause);
        }

        public SecretsUnusable(String message) {
            this(message, null);
        }
    }

    /** A sealed reply address failed authentication (tampered, moved to another handle, other key) or is malformed. */
    public static final class SealedAddressRejected extends HandleException {
        public SealedAddressRejected() {
            super("sealed reply address rejected", null);
        }
    }
}
