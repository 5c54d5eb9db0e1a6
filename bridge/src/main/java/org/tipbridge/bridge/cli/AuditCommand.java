// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tipbridge.bridge.store.AuditLog;
import org.tipbridge.bridge.store.RecordStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tipbridge audit}: the trail of analyst actions, newest first; no content, no key needed. */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Show the audit log: who did what to which record, when.")
public final class AuditCommand implements Runnable {
    @Mixin
    HomeOption homeOption;

    @Option(names = "--json")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100")
    int limit;

    @Override
    public void run() {
        if (limit < 1) {
            throw new CliFailure.Usage("--limit must be at least 1");
        }
        List<AuditLog.AuditEvent> events;
        try (RecordStore store = RecordStore.open(homeOption.config().store())) {
            events = store.audit().recent(limit);
        }
        Output out = new Output(System.out);
        if (json) {
            out.json(events.stream().map(AuditCommand::row).toList());
            return;
        }
        if (events.isEmpty()) {
            out.text("The audit log is empty.");
        }
        for (AuditLog.AuditEvent e : events) {
            out.text(String.format(
                    "%s  %-16s record %-6d %s%s",
                    e.at(),
                    e.actor(),
                    e.recordId(),
                    e.action(),
                    e.detail().map(d -> " " + d).orElse("")));
        }
    }

    private static Map<String, Object> row(AuditLog.AuditEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", e.at().toString());
        m.put("actor", e.actor());
        m.put("action", e.action());
        m.put("detail", e.detail().orElse(null));
        m.put("record", e.recordId());
        return m;
    }
}
