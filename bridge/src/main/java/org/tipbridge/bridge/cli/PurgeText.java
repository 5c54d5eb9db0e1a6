// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.util.stream.Collectors;
import org.tipbridge.bridge.retention.PurgeReport;

/** {@code tipbridge purge}'s report as text. */
final class PurgeText {
    private PurgeText() {}

    static void print(Output out, PurgeReport r, boolean reclaimed) {
        if (!r.deletedAnything()) {
            out.text(
                    r.dryRun()
                            ? "Nothing is due: a purge now would delete nothing."
                            : "Nothing was due; nothing was deleted.");
            return;
        }
        String verb = r.dryRun() ? "Would delete" : "Deleted";
        out.text(verb + " " + r.records().size() + " record(s)" + (r.records().isEmpty() ? "" : ": " + ids(r)) + ".");
        out.text((r.dryRun() ? "Would destroy " : "Destroyed ") + r.mappings()
                + " handle mapping(s): those senders can no longer be answered on their old handle.");
        out.text(verb + " " + r.quarantine() + " quarantine entr(ies) and " + r.blobs() + " blob file(s).");
        if (r.dryRun()) {
            out.text("Nothing was deleted. Outbox entries and set-aside Signal lines are counted only by a real run:"
                    + " `tipbridge purge` deletes; `tipbridge queue keep ID --until YYYY-MM-DD` holds a record.");
            return;
        }
        out.text("Outbox: " + r.outboxCancelled() + " entr(ies) cancelled, " + r.outboxDeleted() + " deleted;"
                + " set-aside Signal lines deleted: " + r.spoolSetAside() + ".");
        if (r.blobFailures() > 0) {
            out.text(r.blobFailures() + " blob file deletion(s) failed; their records are gone, and the daemon's"
                    + " start-up sweep removes them: restart the daemon (`tipbridge run`) to remove them now.");
        }
        out.text(
                reclaimed
                        ? "The database was compacted (VACUUM)."
                        : "The database could not be compacted now (busy); the daemon does it within a day.");
    }

    private static String ids(PurgeReport r) {
        return r.records().stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
