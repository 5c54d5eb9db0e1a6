// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.util.List;
import org.tipbridge.bridge.pipeline.RecordDocument;

/** The plain-text files of an export: the tip itself, and the findings report (no values). */
final class TipText {
    private TipText() {}

    static String of(long id, RecordDocument doc) {
        StringBuilder text = new StringBuilder()
                .append("Record:    ")
                .append(id)
                .append('\n')
                .append("Handle:    ")
                .append(doc.handle())
                .append('\n')
                .append("Channel:   ")
                .append(doc.channel())
                .append('\n')
                .append("Received:  ")
                .append(doc.received())
                .append('\n')
                .append("Subject:   ")
                .append(doc.subject())
                .append('\n');
        for (String warning : doc.warnings()) {
            text.append("Warning:   ").append(warning).append('\n');
        }
        return text.append('\n').append(doc.body()).append('\n').toString();
    }

    static String findings(RecordDocument doc) {
        StringBuilder text = new StringBuilder("What was found in the attachments, and what was done.\n")
                .append("Values (names, places, serial numbers) are only in originals/, written with --originals.\n\n");
        List<RecordDocument.Attachment> attachments = doc.attachments();
        if (attachments.isEmpty()) {
            text.append("No attachments.\n");
        }
        for (int i = 0; i < attachments.size(); i++) {
            RecordDocument.Attachment a = attachments.get(i);
            text.append(i + 1)
                    .append(". ")
                    .append(a.name())
                    .append(" (")
                    .append(a.contentType())
                    .append("): ")
                    .append(state(RecordView.cleanedState(a)))
                    .append('\n');
            if (a.removed() != null) {
                a.removed().forEach(f -> text.append("   ").append(f).append('\n'));
            }
        }
        return text.toString();
    }

    private static String state(String cleaned) {
        return switch (cleaned) {
            case "yes" -> "cleaned copy exported";
            case "not-checked" -> "exported as it came (metadata not checked)";
            case "no" -> "not exported: it could not be cleaned; the original needs --originals";
            default -> "exported as it came (the record is from before cleaning)";
        };
    }
}
