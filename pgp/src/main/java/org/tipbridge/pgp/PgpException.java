// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

/**
 * Could not process an OpenPGP input at all. Messages never contain message content, user ids
 * or key material: only what kind of failure it was.
 */
public sealed class PgpException extends Exception
        permits PgpException.CannotDecrypt,
                PgpException.Malformed,
                PgpException.LimitExceeded,
                PgpException.IntegrityFailure,
                PgpException.BadKey {

    private PgpException(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** Encrypted, but not to a key we hold (or the key could not be unlocked). */
    public static final class CannotDecrypt extends PgpException {
        public CannotDecrypt(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Not a well-formed OpenPGP message, or truncated. */
    public static final class Malformed extends PgpException {
        public Malformed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Decompressed size or ratio over the configured limit (a compression bomb). */
    public static final class LimitExceeded extends PgpException {
        public LimitExceeded(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The integrity check (MDC / AEAD tag) failed: the message was tampered with. */
    public static final class IntegrityFailure extends PgpException {
        public IntegrityFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A key or certificate could not be read, unlocked or used (wrong passphrase, no encryption subkey). */
    public static final class BadKey extends PgpException {
        public BadKey(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
