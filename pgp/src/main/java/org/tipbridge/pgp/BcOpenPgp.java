// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

/** Bouncy Castle implementation of {@link OpenPgp}. (Being written: see issue 2.) */
final class BcOpenPgp {
    private BcOpenPgp() {}

    static OpenPgp create() {
        throw new UnsupportedOperationException("BcOpenPgp is not written yet");
    }
}
