// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.tipbridge.bridge.pipeline.RedactedCopy;
import org.tipbridge.bridge.store.QuarantineEntry;

/** How {@code quarantine list} and {@code show} present entries: stable JSON shapes and text. */
final class QuarantineView {
    private static final String FORMAT = "%-6s %-7s %-21s %-24s %-9s %s";

    private QuarantineView() {}

    static Map<String, Object> row(QuarantineEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("channel", e.channel().wireName());
        m.put("received", e.received().toString());
        m.put("reason", e.reasonCode());
        m.put("size", e.sizeBytes());
        m.put("state", e.state());
        m.put("detail", e.detail().orElse(null));
        m.put("copy", e.hasCopy());
        return m;
    }

    static void table(Output out, List<QuarantineEntry> entries) {
        out.text(String.format(FORMAT, "ID", "CHANNEL", "RECEIVED", "REASON", "SIZE", "STATE"));
        for (QuarantineEntry e : entries) {
            out.text(String.format(
                    FORMAT,
                    e.id(),
                    e.channel().wireName(),
                    e.received(),
                    e.reasonCode(),
                    e.sizeBytes(),
                    e.state() + (e.detail().map(d -> " (" + d + ")").orElse(""))));
        }
    }

    static Map<String, Object> json(QuarantineEntry e, RedactedCopy.Copy copy) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("channel", e.channel().wireName());
        m.put("received", e.received().toString());
        m.put("reason", e.reasonCode());
        m.put("state", e.state());
        m.put(
                "headers",
                copy.headers().stream()
                        .map(h -> Map.of("name", h.name(), "value", decoded(h.value())))
                        .toList());
        m.put("body_kind", copy.bodyKind());
        m.put("body", body(copy));
        m.put("truncated", copy.truncated());
        return m;
    }

    static void text(Output out, QuarantineEntry e, RedactedCopy.Copy copy) {
        out.text("Entry " + e.id() + " (" + e.channel().wireName() + ", received " + e.received() + ")");
        out.text("Reason:    " + e.reasonCode());
        out.text("State:     " + e.state() + e.detail().map(d -> " (" + d + ")").orElse(""));
        for (RedactedCopy.Header h : copy.headers()) {
            out.text(h.name() + ": " + decoded(h.value()));
        }
        if (copy.headersDropped() > 0) {
            out.text("(" + copy.headersDropped() + " oversized header(s) left out)");
        }
        out.text("");
        out.text(body(copy));
        if (copy.truncated() && copy.bodyKind().equals("text")) {
            out.text("[truncated: the copy keeps the first " + RedactedCopy.BODY_MAX / 1024 + " KiB]");
        }
    }

    /** What an analyst can do about an entry that kept no copy. */
    static String noCopy(QuarantineEntry e) {
        String why = e.channel().wireName().equals("email")
                ? e.location()
                        .map(l -> "The operator can find the message in the mailbox's quarantine folder (UIDVALIDITY "
                                + l.uidValidity() + ", UID " + l.uid() + ").")
                        .orElse("The operator may find the message in the mailbox's quarantine folder.")
                : "Nothing else of it was kept.";
        String none = e.state().equals(QuarantineEntry.STATE_DELETE_REQUESTED)
                ? "it was deleted."
                : "floods, automated mail (bounces, auto-replies) and messages over the size limit keep none.";
        return "Entry " + e.id() + " (" + e.reasonCode() + ", " + e.state() + ") has no sealed copy: " + none + " "
                + why;
    }

    /** A header value with its RFC 2047 encoded words decoded (as received when they cannot be). */
    static String decoded(String value) {
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return value;
        }
    }

    private static String body(RedactedCopy.Copy copy) {
        return new String(copy.body(), StandardCharsets.UTF_8);
    }
}
