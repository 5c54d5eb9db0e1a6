// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import java.util.Optional;
import java.util.Set;

/**
 * The outcome a hostile case must have. {@code TIP}: a record; each entry of {@code warnings} is
 * contained in one of the record's warnings (they are sentences, e.g. "text outside the encrypted
 * part was dropped"). {@code QUARANTINE}: a quarantine entry with {@code reason} (a
 * {@code QuarantineReason.code()}). {@code IGNORED}: neither (e.g. a Signal receipt or typing
 * notice, which carries no tip), and nothing else happens either.
 */
public record Expected(Verdict verdict, Optional<String> reason, Set<String> warnings) {
    public enum Verdict {
        TIP,
        QUARANTINE,
        IGNORED
    }

    public Expected {
        warnings = Set.copyOf(warnings);
    }

    public static Expected tip(String... warnings) {
        return new Expected(Verdict.TIP, Optional.empty(), Set.of(warnings));
    }

    public static Expected quarantine(String reasonCode) {
        return new Expected(Verdict.QUARANTINE, Optional.of(reasonCode), Set.of());
    }

    public static Expected ignored() {
        return new Expected(Verdict.IGNORED, Optional.empty(), Set.of());
    }
}
