// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A note decrypted for display: when, by whom, and its text (shown through {@link Output} only). */
record OpenedNote(long id, Instant at, String actor, String text) {

    /** The stable JSON shape of a record's notes, oldest first. */
    static List<Map<String, Object>> json(List<OpenedNote> notes) {
        return notes.stream()
                .map(n -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", n.id());
                    m.put("at", n.at().toString());
                    m.put("actor", n.actor());
                    m.put("text", n.text());
                    return m;
                })
                .toList();
    }

    /** The notes as text, oldest first, each headed by its time and author. */
    static void text(Output out, List<OpenedNote> notes) {
        for (OpenedNote n : notes) {
            out.text("");
            out.text("--- Note " + n.id() + " by " + n.actor() + ", " + n.at());
            out.text(n.text());
        }
    }

    @Override
    public String toString() {
        return "OpenedNote[id=" + id + "]";
    }
}
