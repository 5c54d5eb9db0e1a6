// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing found in a file, in plain words ({@code what}, e.g. "GPS position", "camera serial
 * number", "author name"), what was done about it, and the value as found. The value may identify
 * the source: it is shown only to an analyst who opens the original on purpose ({@link
 * #withValue()}); {@link #toString()} and {@link #withoutValue()} never contain it.
 */
public record Finding(String what, Action action, Optional<String> value) {

    /** What the cleaner did with it. */
    public enum Action {
        /** Taken out of the cleaned copy. */
        REMOVED,
        /** Left in, and worth an analyst's attention (embedded files, scripts, an unknown format). */
        FLAGGED;

        /** The word shown to analysts. */
        public String word() {
            return this == REMOVED ? "removed" : "flagged";
        }
    }

    public Finding {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(value, "value");
    }

    public static Finding removed(String what) {
        return new Finding(what, Action.REMOVED, Optional.empty());
    }

    public static Finding removed(String what, String value) {
        return new Finding(what, Action.REMOVED, Optional.ofNullable(value).filter(v -> !v.isBlank()));
    }

    public static Finding flagged(String what) {
        return new Finding(what, Action.FLAGGED, Optional.empty());
    }

    /** E.g. "author name - removed": safe for the cleaned view. */
    public String withoutValue() {
        return what + " - " + action.word();
    }

    /** E.g. "GPS position 2.1234 S 37.5678 E - removed": only for whoever opens the original. */
    public String withValue() {
        return value.map(v -> what + " " + v + " - " + action.word()).orElseGet(this::withoutValue);
    }

    @Override
    public String toString() {
        return withoutValue();
    }
}
