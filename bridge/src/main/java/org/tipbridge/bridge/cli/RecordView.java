// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tipbridge.bridge.pipeline.RecordDocument;
import org.tipbridge.bridge.store.RecordSummary;

/** How a decrypted record is shown: the stable JSON shape, and the plain text layout. */
final class RecordView {
    private RecordView() {}

    static Map<String, Object> json(long id, RecordSummary summary, RecordDocument doc, List<OpenedNote> notes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("handle", doc.handle());
        m.put("channel", doc.channel());
        m.put("received", doc.received());
        m.put("status", summary.status());
        m.put("subject", doc.subject());
        m.put("body", doc.body());
        m.put("encrypted", doc.encrypted());
        m.put("signature", doc.signature());
        m.put("language", doc.language());
        m.put("warnings", doc.warnings());
        m.put("attachments", attachments(doc.attachments()));
        m.put("assigned", summary.assignedTo().orElse(null));
        m.put("tags", summary.tags());
        m.put("keepUntil", summary.keepUntil().map(Object::toString).orElse(null));
        m.put("notes", OpenedNote.json(notes));
        return m;
    }

    private static List<Map<String, Object>> attachments(List<RecordDocument.Attachment> list) {
        return list.stream()
                .map(a -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", a.name());
                    m.put("contentType", a.contentType());
                    m.put("size", a.size());
                    m.put("cleaned", cleanedState(a));
                    m.put("format", a.format());
                    m.put("removed", a.removed() == null ? List.of() : a.removed());
                    return m;
                })
                .toList();
    }

    /**
     * {@code yes} (a cleaned copy exists), {@code not-checked} (copied as it came: a format the
     * scrubber does not know), {@code no} (could not be cleaned: only the original exists), or
     * {@code unknown} (a record from before the scrub stage).
     */
    static String cleanedState(RecordDocument.Attachment a) {
        if (!a.scrubbed()) {
            return "unknown";
        }
        if (a.cleaned() == null) {
            return "no";
        }
        return "not-checked".equals(a.outcome()) ? "not-checked" : "yes";
    }

    /** The hold ends at the start of the day after the last day held (UTC). */
    static String hold(Instant until, Instant now) {
        LocalDate last = until.minusSeconds(1).atZone(ZoneOffset.UTC).toLocalDate();
        return until.isAfter(now)
                ? "held until " + last + " (through that day, UTC); `tipbridge queue keep ID --release` ends it"
                : "the hold ended after " + last + "; the retention rules apply";
    }

    private static String describe(String state) {
        return switch (state) {
            case "yes" -> "cleaned";
            case "not-checked" -> "metadata not checked";
            case "no" -> "could not be cleaned: original only";
            default -> "from before cleaning";
        };
    }

    static void text(Output out, long id, RecordSummary summary, RecordDocument doc, List<OpenedNote> notes) {
        out.text("Record:     " + id + " (" + summary.status() + ")");
        out.text("Assigned:   " + summary.assignedTo().orElse("nobody"));
        out.text("Tags:       " + (summary.tags().isEmpty() ? "none" : String.join(", ", summary.tags())));
        summary.keepUntil().ifPresent(until -> out.text("Hold:       " + hold(until, Instant.now())));
        out.text("Handle:     " + doc.handle());
        out.text("Channel:    " + doc.channel());
        out.text("Received:   " + doc.received());
        out.text("Encrypted:  " + (doc.encrypted() ? "yes" : "no (arrived readable by anyone on the way)"));
        out.text("Signature:  " + doc.signature());
        out.text("Subject:    " + doc.subject());
        for (String warning : doc.warnings()) {
            out.text("Warning:    " + warning);
        }
        List<RecordDocument.Attachment> attachments = doc.attachments();
        out.text("Attachments: " + attachments.size());
        for (int i = 0; i < attachments.size(); i++) {
            RecordDocument.Attachment a = attachments.get(i);
            out.text("  " + (i + 1) + ". " + a.name() + " (" + a.contentType() + ", " + a.size() + " bytes; "
                    + describe(cleanedState(a)) + ")");
            if (a.removed() != null) {
                a.removed().forEach(finding -> out.text("       " + finding));
            }
        }
        out.text("");
        out.text(doc.body());
        OpenedNote.text(out, notes);
    }
}
