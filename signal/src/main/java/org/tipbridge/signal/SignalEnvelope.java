// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One received envelope, typed, tolerant of absent and unknown fields. It holds identifiers
 * (number, ACI, name, device): {@link #toString()} never shows them; callers strip them.
 *
 * @param sourceUuid the sender's ACI, the only stable key of a conversation
 * @param kinds what else the envelope carries besides a data message (receipt, typing, sync, ...)
 * @param failure present when signal-cli could not decrypt the envelope ({@code exception})
 */
public record SignalEnvelope(
        Optional<String> account,
        Optional<String> sourceUuid,
        Optional<String> sourceNumber,
        Optional<String> sourceName,
        OptionalInt sourceDevice,
        OptionalLong timestamp,
        Optional<DataMessage> dataMessage,
        Set<Kind> kinds,
        Optional<Failure> failure) {

    public SignalEnvelope {
        kinds = Set.copyOf(kinds);
    }

    /** Envelope content other than a data message. */
    public enum Kind {
        RECEIPT,
        TYPING,
        SYNC,
        CALL,
        STORY,
        EDIT
    }

    /** signal-cli's {@code exception}: only its type is kept (its message may quote identifiers). */
    public record Failure(Optional<String> type) {}

    /**
     * A data message. Flags say whether a part tipbridge never carries into records was present
     * (quote, mentions, previews, sticker, reaction, contacts, remote delete).
     */
    public record DataMessage(
            Optional<String> message,
            OptionalLong timestamp,
            OptionalInt expiresInSeconds,
            boolean viewOnce,
            List<Attachment> attachments,
            Optional<Group> group,
            Set<Part> ignoredParts) {

        public DataMessage {
            attachments = List.copyOf(attachments);
            ignoredParts = Set.copyOf(ignoredParts);
        }

        @Override
        public String toString() {
            return "DataMessage[attachments=" + attachments.size() + ", group=" + group.isPresent() + ", redacted]";
        }
    }

    /** Parts of a data message that never reach a record. */
    public enum Part {
        QUOTE,
        MENTIONS,
        PREVIEWS,
        STICKER,
        REACTION,
        CONTACTS,
        REMOTE_DELETE
    }

    /**
     * An attachment signal-cli stored as {@code <dataDir>/attachments/<id>}.
     *
     * @param id a plain file name (no separators, no leading dot)
     * @param filename chosen by the sender: never a path to use
     */
    public record Attachment(String id, Optional<String> contentType, Optional<String> filename, OptionalLong size) {
        @Override
        public String toString() {
            return "Attachment[redacted]";
        }
    }

    /**
     * The group a message was sent in; such messages are not tips.
     *
     * @param groupId signal-cli's base64 group id (at most 88 characters), the address of a group
     *     answer; empty if signal-cli gave a {@code groupInfo} without a usable id. Never shown by
     *     {@link #toString()}, never to be logged or stored in clear
     */
    public record Group(String groupId, Optional<String> type) {
        @Override
        public String toString() {
            return "Group[redacted]";
        }
    }

    /** True for a 1:1 data message (no group): the only kind that can become a tip. */
    public boolean isDirectDataMessage() {
        return failure.isEmpty()
                && dataMessage.isPresent()
                && dataMessage.get().group().isEmpty();
    }

    @Override
    public String toString() {
        return "SignalEnvelope[kinds=" + kinds + ", data=" + dataMessage.isPresent() + ", failure="
                + failure.isPresent() + ", redacted]";
    }
}
