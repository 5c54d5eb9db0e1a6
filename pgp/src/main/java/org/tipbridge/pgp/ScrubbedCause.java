// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

/**
 * Stands in for a foreign exception as a cause: keeps its class name and stack trace but not its
 * message, which could quote key material, user ids or content.
 */
final class ScrubbedCause extends Exception {
    private static final long serialVersionUID = 1L;

    private ScrubbedCause(Throwable original) {
        super(original.getClass().getName(), original.getCause() == null ? null : of(original.getCause()), false, true);
        setStackTrace(original.getStackTrace());
    }

    static Throwable of(Throwable original) {
        if (original == null || original instanceof ScrubbedCause || original instanceof PgpException) {
            return original;
        }
        return new ScrubbedCause(original);
    }
}
