// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.List;

/**
 * What scrubbing one file gave. {@code outcome}: {@link Outcome#CLEANED} when the cleaned copy
 * was written with every finding of kind {@code REMOVED} taken out; {@link Outcome#NOT_CHECKED}
 * when the format is not one the scrubber knows (the copy is the file as it came, flagged);
 * {@link Outcome#FAILED} when the file could not be cleaned (malformed, hostile, over a limit):
 * the cleaned output must then be thrown away and only the original kept.
 */
public record ScrubReport(Format format, Outcome outcome, List<Finding> findings) {

    /** How scrubbing ended. */
    public enum Outcome {
        CLEANED,
        NOT_CHECKED,
        FAILED
    }

    public ScrubReport {
        findings = List.copyOf(findings);
    }

    public static ScrubReport cleaned(Format format, List<Finding> findings) {
        return new ScrubReport(format, Outcome.CLEANED, findings);
    }

    public static ScrubReport notChecked(Format format) {
        return new ScrubReport(format, Outcome.NOT_CHECKED, List.of(Finding.flagged("metadata not checked")));
    }

    /** {@code why} is plain words without content, e.g. "malformed JPEG" or "over the size limit". */
    public static ScrubReport failed(Format format, String why) {
        return new ScrubReport(
                format,
                Outcome.FAILED,
                List.of(Finding.flagged("could not be cleaned (" + why + "); only the original is kept")));
    }
}
