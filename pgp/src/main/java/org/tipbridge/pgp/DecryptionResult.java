// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.util.Optional;

/**
 * What is known about a message once its decrypting stream closed successfully. {@code signer} is
 * the fingerprint (or key id) of the signing key when the message was signed.
 */
public record DecryptionResult(boolean encrypted, SignatureStatus signature, Optional<Fingerprint> signer) {}
