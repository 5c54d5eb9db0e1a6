// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.tipbridge.bridge.store.AuditLog;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.RetentionStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tipbridge queue keep}: a legal hold. Retention leaves the record alone through the end of
 * the given day (UTC), whatever the rules say; the hold, and its release, go to the audit log.
 */
@Command(
        name = "keep",
        mixinStandardHelpOptions = true,
        description = "Hold a record past the retention rules through the end of DATE (UTC), or end the hold"
                + " with --release (recorded in the audit log).")
public final class KeepCommand implements Runnable {
    @Mixin
    HomeOption homeOption;

    @Parameters(paramLabel = "ID")
    long id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Until until;

    /** Exactly one of {@code --until} and {@code --release}. */
    static final class Until {
        @Option(names = "--until", paramLabel = "DATE", required = true, description = "Last day held, YYYY-MM-DD.")
        String date;

        @Option(names = "--release", required = true, description = "End the hold.")
        boolean release;
    }

    @Override
    public void run() {
        Instant now = Instant.now();
        Optional<LocalDate> last = until.release ? Optional.empty() : Optional.of(lastDay(until.date, now));
        Optional<Instant> end =
                last.map(d -> d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        AuditLog.Event event = new AuditLog.Event(
                Actor.current(),
                last.isPresent() ? RetentionStore.HELD : RetentionStore.RELEASED,
                last.map(LocalDate::toString),
                id,
                now);
        try (RecordStore store = RecordStore.open(homeOption.config().store())) {
            if (!store.retention().hold(id, end, event)) {
                throw new CliFailure.NotFound("no record " + id + "; `tipbridge queue list` shows the ids");
            }
        }
        Output out = new Output(System.out);
        if (last.isPresent()) {
            out.text("Record " + id + " is held through " + last.get() + " (UTC): retention leaves it alone until"
                    + " then. `tipbridge queue keep " + id + " --release` ends the hold.");
        } else {
            out.text("Record " + id + " is no longer held: the retention rules apply to it again"
                    + " (`tipbridge purge --dry-run` shows what goes next).");
        }
    }

    private static LocalDate lastDay(String text, Instant now) {
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliFailure.Usage("DATE must be YYYY-MM-DD, e.g. 2027-01-31");
        }
        if (date.isBefore(now.atZone(ZoneOffset.UTC).toLocalDate())) {
            throw new CliFailure.Usage("DATE " + date + " is in the past; give today or a later day (UTC)");
        }
        return date;
    }
}
