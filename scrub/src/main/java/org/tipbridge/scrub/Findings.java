// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.LinkedHashSet;
import java.util.List;

/** Small operations on lists of findings shared by the cleaners. */
final class Findings {
    private Findings() {}

    /** The findings in their first order, each the same finding only once (e.g. many maker segments). */
    static List<Finding> distinct(List<Finding> findings) {
        return List.copyOf(new LinkedHashSet<>(findings));
    }
}
