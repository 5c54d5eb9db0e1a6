// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

/**
 * Where a leaf entity sits: its headers, the kind of multipart around it (or {@code NONE} for a
 * root) and that multipart's number in the message (0 for a root), its 1-based position there, the
 * enclosing alternative group and the trust scope.
 */
record PartContext(
        PartHeaders headers,
        MultipartKind parent,
        int parentId,
        int position,
        boolean root,
        int alternativeGroup,
        TrustScope scope) {}
