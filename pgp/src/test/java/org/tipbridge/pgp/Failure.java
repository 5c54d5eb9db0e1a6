// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Runs a full decryption and reports the typed failure wherever it surfaced (open, read or close). */
final class Failure {
    private Failure() {}

    static PgpException ofDecrypting(byte[] message, DecryptOptions options) {
        try {
            DecryptingStream in = TestKeys.PGP.decrypt(new ByteArrayInputStream(message), options);
            in.readAllBytes();
            in.close();
        } catch (PgpException e) {
            return e;
        } catch (PgpStreamException e) {
            return e.failure();
        } catch (IOException e) {
            throw new AssertionError("untyped failure", e);
        }
        throw new AssertionError("expected a failure");
    }
}
