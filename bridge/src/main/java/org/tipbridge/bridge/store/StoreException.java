// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

/**
 * The record or blob store could not do what was asked. Messages name the operation only, never
 * row contents, handles, keys or blob contents.
 */
public sealed class StoreException extends RuntimeException
        permits StoreException.BlobNotFound, StoreException.HandleTaken {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }

    /** No blob with the requested id exists (or the id is not a well-formed blob id). */
    public static final class BlobNotFound extends StoreException {
        public BlobNotFound() {
            super("blob not found");
        }
    }

    /** Another sender's mapping already uses the proposed handle; pick a fresh one and retry. */
    public static final class HandleTaken extends StoreException {
        public HandleTaken() {
            super("handle already taken");
        }
    }
}
