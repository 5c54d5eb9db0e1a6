// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

/** Builds the typed failures of this module, with fixed messages and scrubbed causes. */
final class Failures {
    private Failures() {}

    static PgpException.Malformed malformed(String what, Throwable cause) {
        return new PgpException.Malformed(what, ScrubbedCause.of(cause));
    }

    static PgpException.CannotDecrypt cannotDecrypt(String what, Throwable cause) {
        return new PgpException.CannotDecrypt(what, ScrubbedCause.of(cause));
    }

    static PgpException.BadKey badKey(String what, Throwable cause) {
        return new PgpException.BadKey(what, ScrubbedCause.of(cause));
    }

    static PgpException.IntegrityFailure integrity(String what, Throwable cause) {
        return new PgpException.IntegrityFailure(what, ScrubbedCause.of(cause));
    }

    static PgpException.LimitExceeded limit(String what) {
        return new PgpException.LimitExceeded(what, null);
    }

    /** The typed failure carried by {@code e} (possibly nested in causes), if any. */
    static PgpException carried(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgpStreamException) {
                return ((PgpStreamException) t).failure();
            }
            if (t instanceof PgpException) {
                return (PgpException) t;
            }
        }
        return null;
    }
}
