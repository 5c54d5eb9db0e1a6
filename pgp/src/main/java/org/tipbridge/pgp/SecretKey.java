// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

/**
 * An unlocked OpenPGP secret key held in memory. {@link #destroy()} wipes what it can; using a
 * destroyed key throws {@link IllegalStateException}.
 */
public interface SecretKey extends AutoCloseable {
    Certificate certificate();

    void destroy();

    @Override
    default void close() {
        destroy();
    }
}
