// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.InputStream;

/**
 * Plaintext of an OpenPGP message. {@link #close()} checks integrity and signatures and throws
 * {@link PgpStreamException} when either fails; {@link #result()} is available only afterwards.
 * Read errors surface as {@link PgpStreamException} (wrapping the typed {@link PgpException}).
 */
public abstract class DecryptingStream extends InputStream {
    /** @throws IllegalStateException before {@code close()} returned successfully */
    public abstract DecryptionResult result();
}
