// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.util.Optional;

/** The outcome of checking a detached signature. */
public record DetachedVerification(SignatureStatus status, Optional<Fingerprint> signer) {}
