// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

/** A header-derived value (protected subject, language) and the scope it was found in. */
record ScopedValue(String value, TrustScope scope) {}
