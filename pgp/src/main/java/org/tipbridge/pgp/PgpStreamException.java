// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.IOException;

/** Carries a {@link PgpException} through {@code InputStream.read} and {@code close}. */
public final class PgpStreamException extends IOException {
    private final PgpException failure;

    public PgpStreamException(PgpException failure) {
        super(failure.getMessage(), failure);
        this.failure = failure;
    }

    public PgpException failure() {
        return failure;
    }
}
