// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Collects what a cleaner found, once each (a thousand revisions by one author are one finding), up to a cap. */
final class Findings {
    private static final int MAX = 500;
    private static final int MAX_VALUE = 300;

    private final Set<Finding> found = new LinkedHashSet<>();

    /** The findings in their first order, each the same finding only once (e.g. many maker segments). */
    static List<Finding> distinct(List<Finding> findings) {
        return List.copyOf(new LinkedHashSet<>(findings));
    }

    private boolean overflow;

    void add(Finding finding) {
        Finding trimmed =
                new Finding(finding.what(), finding.action(), finding.value().map(Findings::trim));
        if (found.size() < MAX) {
            found.add(trimmed);
        } else if (!found.contains(trimmed)) {
            overflow = true;
        }
    }

    void removed(String what) {
        add(Finding.removed(what));
    }

    void removed(String what, String value) {
        add(Finding.removed(what, value));
    }

    void flagged(String what) {
        add(Finding.flagged(what));
    }

    /** A flagged finding with its value (an embedded file's name, a link): the value stays in the copy. */
    void flagged(String what, String value) {
        add(new Finding(what, Finding.Action.FLAGGED, Optional.ofNullable(value).filter(v -> !v.isBlank())));
    }

    List<Finding> list() {
        List<Finding> all = new ArrayList<>(found);
        if (overflow) {
            all.add(Finding.flagged("more findings, not listed"));
        }
        return all;
    }

    private static String trim(String value) {
        String flat = value.strip();
        return flat.length() <= MAX_VALUE ? flat : flat.substring(0, MAX_VALUE) + "...";
    }
}
