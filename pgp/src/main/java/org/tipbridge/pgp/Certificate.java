// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.util.List;

/**
 * A public OpenPGP certificate (a transferable public key). Immutable. The implementation keeps
 * the Bouncy Castle object private to this package.
 */
public interface Certificate {
    Fingerprint fingerprint();

    /** User ids as written in the certificate (these may identify a person: never log them). */
    List<String> userIds();

    /** True when the certificate has a usable, unexpired, unrevoked encryption (sub)key. */
    boolean canEncrypt();

    /** The binary (non-armored) encoding. */
    byte[] encoded();

    /** ASCII armor of {@link #encoded()}. */
    String armored();
}
