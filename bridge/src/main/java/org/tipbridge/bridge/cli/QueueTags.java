// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tipbridge.bridge.store.Cases;

/** The tag and analyst-name rules of the case commands, and the {@code +TAG -TAG} edits of {@code queue tag}. */
final class QueueTags {
    static final String TAG_RULE = "a tag is 1 to 32 characters a-z, 0-9, '.', '_' or '-', starting with a letter or"
            + " digit (e.g. urgent, needs-legal)";
    static final String ANALYST_RULE =
            "ANALYST must be 1 to 64 characters A-Z, a-z, 0-9, '.', '_', '@' or '-' (e.g. alice or a.smith@desk)";

    /** What {@code queue tag} was asked to add and remove. */
    record Edits(Set<String> add, Set<String> remove) {}

    private QueueTags() {}

    /** {@code +TAG} adds, {@code -TAG} removes; exit 2 naming the rule when one is malformed or both. */
    static Edits parse(List<String> arguments) {
        Set<String> add = new TreeSet<>();
        Set<String> remove = new TreeSet<>();
        for (String argument : arguments) {
            if (argument.startsWith("+")) {
                add.add(checked(argument.substring(1)));
            } else if (argument.startsWith("-")) {
                remove.add(checked(argument.substring(1)));
            } else {
                throw new CliFailure.Usage("write +TAG to add a tag and -TAG to remove one; " + TAG_RULE);
            }
        }
        if (!java.util.Collections.disjoint(add, remove)) {
            throw new CliFailure.Usage("a tag is both added and removed; give each tag once");
        }
        return new Edits(add, remove);
    }

    /** The tag, if it follows the rule; the refusal does not repeat it (it might be text typed by mistake). */
    static String checked(String tag) {
        if (!Cases.TAG.matcher(tag).matches()) {
            throw new CliFailure.Usage("not a tag: " + TAG_RULE);
        }
        return tag;
    }
}
