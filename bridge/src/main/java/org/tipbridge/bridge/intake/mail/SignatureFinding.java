// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import org.tipbridge.pgp.SignatureStatus;

/** A signature check outcome and the scope whose content it covers. */
record SignatureFinding(SignatureStatus status, TrustScope scope) {}
