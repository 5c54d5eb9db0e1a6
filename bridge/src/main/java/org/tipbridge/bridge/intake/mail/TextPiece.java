// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

/**
 * One text part's decoded text. {@code alternativeGroup} identifies the enclosing
 * multipart/alternative (0 when none), so a plain version can win over its HTML twin.
 */
record TextPiece(String text, boolean html, int alternativeGroup, TrustScope scope) {}
