// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tipbridge.bridge.pipeline.CoarseClock;
import org.tipbridge.bridge.store.OutboxEntry;
import org.tipbridge.bridge.store.OutboxKind;
import org.tipbridge.bridge.store.OutboxStatus;
import org.tipbridge.bridge.store.TrustHolds;
import org.tipbridge.conf.IntakeConfig;

/** How outbox entries are shown: the stable JSON shape, the table, and what to do about each entry that waits. */
final class OutboxView {
    /** The reason the outbox job gives when it holds a reply because no key of the source is known. */
    static final String NO_SOURCE_KEY = "no-source-key";
    /**
     * The reason it gives when the source's key is expired or revoked. The first key learnt for a
     * source stays (a forged From must not swap in the forger's key), so waiting does not help.
     */
    static final String SOURCE_KEY_UNUSABLE = "source-key-unusable";

    private static final String ROW = "%-6s %-20s %-7s %-5s %-14s %-8s %-18s %s";
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private OutboxView() {}

    static Map<String, Object> json(OutboxEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("handle", e.handle());
        m.put("channel", e.channel().wireName());
        m.put("kind", e.kind().wireName());
        m.put("status", e.status().wireName());
        m.put("attempts", e.attempts());
        m.put("lastError", e.lastError().orElse(null));
        m.put("created", e.created().toString());
        m.put("updated", e.updated().toString());
        m.put("allowPlaintext", e.allowPlaintext());
        return m;
    }

    static void table(Output out, List<OutboxEntry> entries) {
        out.text(String.format(ROW, "ID", "HANDLE", "CHANNEL", "KIND", "STATUS", "ATTEMPTS", "LAST ERROR", "UPDATED"));
        for (OutboxEntry e : entries) {
            out.text(String.format(
                    ROW,
                    e.id(),
                    e.handle(),
                    e.channel().wireName(),
                    e.kind().wireName(),
                    e.status().wireName(),
                    e.attempts(),
                    e.lastError().orElse("-"),
                    minute(e.updated())));
        }
        List<String> advice = entries.stream()
                .map(OutboxView::whatToDo)
                .flatMap(Optional::stream)
                .toList();
        if (!advice.isEmpty()) {
            out.text("");
            advice.forEach(out::text);
        }
    }

    /** One line for an entry that waits for an analyst, saying what the choices are. */
    static Optional<String> whatToDo(OutboxEntry e) {
        String which = capitalised(noun(e.kind())) + " " + e.id();
        String reason = e.lastError().orElse("no reason recorded");
        String drop = ", or drop it with `tipbridge outbox cancel " + e.id() + "`.";
        if (e.status() == OutboxStatus.FAILED) {
            return Optional.of(
                    which + " failed (" + reason + "). Try again with `tipbridge outbox retry " + e.id() + "`" + drop);
        }
        if (e.status() != OutboxStatus.NEEDS_DECISION) {
            return Optional.empty();
        }
        String waits = which + " to " + e.handle() + " waits for a decision";
        String unencrypted = " so it would leave unencrypted. Send it unencrypted with `tipbridge outbox retry "
                + e.id() + " --allow-plaintext`" + drop;
        return Optional.of(
                switch (reason) {
                    case NO_SOURCE_KEY -> waits + ": no key of this source is known," + unencrypted;
                    case SOURCE_KEY_UNUSABLE ->
                        waits + ": the source's key can no longer be used (expired or revoked)," + unencrypted;
                    default -> signalAdvice(e, reason, waits, drop);
                });
    }

    /** What to do about an entry held for a trust decision ({@link TrustHolds}), else about a retry. */
    private static String signalAdvice(OutboxEntry e, String reason, String waits, String drop) {
        return switch (reason) {
            case TrustHolds.SAFETY_NUMBER_CHANGED ->
                waits + ": the source's Signal safety number changed (a new phone, a reinstall, or someone"
                        + " else). Compare it with the source another way and run " + verify(e)
                        + " (it asks for the number), or accept the new key unverified with " + unverified(e)
                        + " (if someone else took over the account, they get the reply)" + drop;
            case TrustHolds.SAFETY_NUMBER_MISMATCH ->
                waits + ": signal-cli refused the safety number given; it is not the one of the source's"
                        + " current key. Compare it with the source again and run " + verify(e) + drop;
            case TrustHolds.SAFETY_NUMBER_CHANGED_AGAIN ->
                waits + ": the source's Signal key changed again after your unverified decision, so it was"
                        + " not applied; that may mean someone else took over the account. Verify with the"
                        + " source out of band and run " + verify(e) + drop;
            case TrustHolds.TRUST_UNSUPPORTED ->
                waits + ": signal-cli cannot apply trust decisions (too old). Ask the operator to upgrade"
                        + " signal-cli, then run " + verify(e) + " or " + unverified(e) + " again" + drop;
            case TrustHolds.DECISION_TIME_AHEAD ->
                waits + ": your decision was dated more than 5 minutes ahead of the server's clock, so it"
                        + " was not applied. Ask the operator to synchronise the clocks, then run "
                        + verify(e) + " or " + unverified(e) + " again" + drop;
            case TrustHolds.TRUST_REFUSED ->
                waits + ": signal-cli refused to trust the source's key. Run " + verify(e) + " or "
                        + unverified(e) + " again (ask the operator to check signal-cli if it keeps failing)"
                        + drop;
            default -> waits + " (" + reason + "). Send it again with `tipbridge outbox retry " + e.id() + "`" + drop;
        };
    }

    private static String verify(OutboxEntry e) {
        return "`tipbridge signal trust " + e.handle() + " --safety-number -`";
    }

    private static String unverified(OutboxEntry e) {
        return "`tipbridge signal trust " + e.handle() + " --unverified`";
    }

    /**
     * The time to record an analyst's change with: rounded down like tip receive times ({@code
     * [intake] time_granularity}), so outbox times never tell more than the tips they answer.
     */
    static Instant coarseNow(IntakeConfig intake) {
        return new CoarseClock(Clock.systemUTC(), intake.timeGranularity()).now();
    }

    /** "reply" or "acknowledgement", as messages name an entry. */
    static String noun(OutboxKind kind) {
        return kind == OutboxKind.REPLY ? "reply" : "acknowledgement";
    }

    static String minute(Instant t) {
        return MINUTE.format(t);
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
