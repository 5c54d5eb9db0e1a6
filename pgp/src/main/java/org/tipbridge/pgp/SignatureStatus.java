// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

/** Outcome of checking the signatures on a message; a value, never an exception. */
public enum SignatureStatus {
    /** The message carried no signature. */
    NONE,
    /** Signed, and the signature checks out against a known certificate. */
    VERIFIED,
    /** Signed, but no certificate for the signer was available, so it could not be checked. */
    UNVERIFIED,
    /** Signed, and the signature does not match the data or the signer's certificate. */
    BAD
}
