// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import org.tipbridge.bridge.pipeline.SealedAttachment;

/** A sealed attachment and the scope it was found in. */
record FoundAttachment(SealedAttachment attachment, TrustScope scope) {}
