// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tipbridge.bridge.pipeline.RecordDocument;
import org.tipbridge.bridge.store.OutboxEntry;
import org.tipbridge.bridge.store.RecordSummary;

/**
 * One conversation, opened: tips in the order they were committed, each reply and acknowledgement
 * right after the record that was newest when it was queued ({@link OutboxEntry#afterRecord()}),
 * outgoing entries among themselves in id order.
 */
record ConversationThread(String handle, List<Item> items) {

    ConversationThread {
        items = List.copyOf(items);
    }

    /** One entry of the thread, placed by the record id it follows ({@code anchor}), tips first, then by id. */
    sealed interface Item permits TipItem, ReplyItem, AcknowledgementItem {
        long anchor();

        long id();

        default int rank() {
            return 1;
        }
    }

    /** A tip, decrypted, with the analysts' notes on it (oldest first). */
    record TipItem(RecordSummary summary, RecordDocument doc, List<OpenedNote> notes) implements Item {
        TipItem {
            notes = List.copyOf(notes);
        }

        @Override
        public long anchor() {
            return summary.id();
        }

        @Override
        public long id() {
            return summary.id();
        }

        @Override
        public int rank() {
            return 0;
        }
    }

    /** An analyst's reply with its text (empty if no copy for the analysts was kept). */
    record ReplyItem(OutboxEntry entry, Optional<String> text) implements Item {
        @Override
        public long anchor() {
            return entry.afterRecord();
        }

        @Override
        public long id() {
            return entry.id();
        }
    }

    /** An automatic acknowledgement; its text comes from the configuration and is not stored. */
    record AcknowledgementItem(OutboxEntry entry) implements Item {
        @Override
        public long anchor() {
            return entry.afterRecord();
        }

        @Override
        public long id() {
            return entry.id();
        }
    }

    /** Places the outgoing entries among the tips. */
    static ConversationThread of(String handle, List<TipItem> tips, List<? extends Item> outgoing) {
        List<Item> all = new ArrayList<>(tips);
        all.addAll(outgoing);
        all.sort(Comparator.comparingLong(Item::anchor)
                .thenComparingInt(Item::rank)
                .thenComparingLong(Item::id));
        return new ConversationThread(handle, all);
    }
}
