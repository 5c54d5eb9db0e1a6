// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tipbridge.bridge.store.RecordPage;
import org.tipbridge.bridge.store.RecordSummary;

/** How {@code queue list} shows a page of records: the stable JSON row, and the text table. */
final class RecordTable {
    private static final String FORMAT = "%-6s %-20s %-7s %-21s %-13s %-11s %-16s %s";

    private RecordTable() {}

    static Map<String, Object> json(RecordSummary r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("handle", r.handle());
        m.put("channel", r.channel().wireName());
        m.put("received", r.received().toString());
        m.put("status", r.status());
        m.put("attachments", r.attachments());
        m.put("assigned", r.assignedTo().orElse(null));
        m.put("tags", r.tags());
        m.put("keepUntil", r.keepUntil().map(Object::toString).orElse(null));
        return m;
    }

    static void text(Output out, RecordPage page) {
        out.text(String.format(
                FORMAT, "ID", "HANDLE", "CHANNEL", "RECEIVED", "STATUS", "ATTACHMENTS", "ASSIGNED", "TAGS"));
        for (RecordSummary r : page.records()) {
            out.text(String.format(
                    FORMAT,
                    r.id(),
                    r.handle(),
                    r.channel().wireName(),
                    r.received(),
                    r.status(),
                    r.attachments(),
                    r.assignedTo().orElse("-"),
                    r.tags().isEmpty() ? "-" : String.join(",", r.tags())));
        }
    }
}
