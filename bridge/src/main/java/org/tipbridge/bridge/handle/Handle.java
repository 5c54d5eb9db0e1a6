// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

/** The pseudonym analysts see for a sender, and whether this message created it. */
public record Handle(String value, boolean created) {}
