// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.util.List;
import java.util.Optional;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.RecordSummary;

/**
 * Audits an analyst's action on a conversation (a reply, an outbox decision, a trust decision)
 * against the handle's newest record, the record it answers; a handle without records leaves no
 * event. The detail is an id or a method name, never content.
 */
final class ConversationAudit {
    private ConversationAudit() {}

    static void record(RecordStore store, String handle, String action, Optional<String> detail) {
        List<RecordSummary> records = store.listByHandle(handle);
        if (!records.isEmpty()) {
            long newest = records.get(records.size() - 1).id();
            store.cases().recordAction(newest, action, detail, QueueCommand.now());
        }
    }
}
