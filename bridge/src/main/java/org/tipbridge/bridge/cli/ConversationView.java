// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tipbridge.bridge.cli.ConversationThread.AcknowledgementItem;
import org.tipbridge.bridge.cli.ConversationThread.Item;
import org.tipbridge.bridge.cli.ConversationThread.ReplyItem;
import org.tipbridge.bridge.cli.ConversationThread.TipItem;
import org.tipbridge.bridge.pipeline.RecordDocument;
import org.tipbridge.bridge.store.OutboxEntry;
import org.tipbridge.bridge.store.RecordSummary;

/** How a conversation is shown: the stable JSON shape, and a readable thread (all text through {@link Output}). */
final class ConversationView {
    private ConversationView() {}

    static Map<String, Object> json(ConversationThread thread) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("handle", thread.handle());
        m.put("items", thread.items().stream().map(ConversationView::json).toList());
        return m;
    }

    private static Map<String, Object> json(Item item) {
        if (item instanceof TipItem tip) {
            return tipJson(tip);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (item instanceof ReplyItem reply) {
            OutboxEntry e = reply.entry();
            m.put("type", "reply");
            m.put("id", e.id());
            m.put("status", e.status().wireName());
            m.put("attempts", e.attempts());
            m.put("lastError", e.lastError().orElse(null));
            m.put("created", e.created().toString());
            m.put("text", reply.text().orElse(null));
        } else {
            OutboxEntry e = ((AcknowledgementItem) item).entry();
            m.put("type", "acknowledgement");
            m.put("id", e.id());
            m.put("status", e.status().wireName());
            m.put("created", e.created().toString());
        }
        return m;
    }

    private static Map<String, Object> tipJson(TipItem tip) {
        RecordDocument doc = tip.doc();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "tip");
        m.put("id", tip.summary().id());
        m.put("received", doc.received());
        m.put("status", tip.summary().status());
        m.put("assigned", tip.summary().assignedTo().orElse(null));
        m.put("tags", tip.summary().tags());
        m.put("subject", doc.subject());
        m.put("body", doc.body());
        m.put("encrypted", doc.encrypted());
        m.put("signature", doc.signature());
        m.put("warnings", doc.warnings());
        m.put(
                "attachments",
                doc.attachments().stream()
                        .map(a -> {
                            Map<String, Object> att = new LinkedHashMap<>();
                            att.put("name", a.name());
                            att.put("contentType", a.contentType());
                            att.put("size", a.size());
                            return att;
                        })
                        .toList());
        m.put("notes", OpenedNote.json(tip.notes()));
        return m;
    }

    static void text(Output out, ConversationThread thread) {
        out.text("Conversation " + thread.handle());
        for (Item item : thread.items()) {
            out.text("");
            if (item instanceof TipItem tip) {
                tipText(out, tip);
            } else if (item instanceof ReplyItem reply) {
                out.text("--- Reply " + reply.entry().id() + " by an analyst, " + state(reply.entry()));
                out.text(reply.text().orElse("(no copy of this reply was kept for the analysts)"));
            } else {
                out.text("--- Automatic acknowledgement, " + state(((AcknowledgementItem) item).entry()));
            }
        }
    }

    private static void tipText(Output out, TipItem tip) {
        RecordDocument doc = tip.doc();
        long id = tip.summary().id();
        out.text("--- Tip " + id + ", received " + doc.received() + " ("
                + tip.summary().status() + ")");
        RecordSummary summary = tip.summary();
        if (summary.assignedTo().isPresent() || !summary.tags().isEmpty()) {
            out.text("Assigned: " + summary.assignedTo().orElse("nobody") + "; tags: "
                    + (summary.tags().isEmpty() ? "none" : String.join(", ", summary.tags())));
        }
        if (doc.subject() != null && !doc.subject().isEmpty()) {
            out.text("Subject: " + doc.subject());
        }
        out.text("Encrypted: " + (doc.encrypted() ? "yes" : "no (readable by anyone on the way)") + "; signature: "
                + doc.signature());
        for (String warning : doc.warnings()) {
            out.text("Warning: " + warning);
        }
        List<RecordDocument.Attachment> attachments = doc.attachments();
        if (!attachments.isEmpty()) {
            out.text("Attachments: " + attachments.size() + " (`tipbridge queue show " + id + "` lists them)");
        }
        out.text("");
        out.text(doc.body() == null ? "" : doc.body());
        OpenedNote.text(out, tip.notes());
    }

    /** Where an outgoing entry stands, in words. */
    private static String state(OutboxEntry e) {
        return switch (e.status()) {
            case QUEUED -> "queued";
            case SENDING -> "being sent";
            case SENT -> "sent";
            case FAILED -> "failed (" + e.lastError().orElse("no reason recorded") + ")";
            case NEEDS_DECISION -> "waits for a decision (" + e.lastError().orElse("no reason recorded") + ")";
            case CANCELLED -> "cancelled";
        };
    }
}
