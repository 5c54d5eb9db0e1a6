// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a {@code dataMessage} object: its text, timestamps, attachments and group, and which parts
 * tipbridge never keeps were present. A {@code groupInfo} object always makes it a group message.
 */
final class DataMessageReader {
    private Optional<String> message = Optional.empty();
    private OptionalLong timestamp = OptionalLong.empty();
    private OptionalInt expiresInSeconds = OptionalInt.empty();
    private boolean viewOnce;
    private final List<SignalEnvelope.Attachment> attachments = new ArrayList<>();
    private Optional<SignalEnvelope.Group> group = Optional.empty();
    private final Set<SignalEnvelope.Part> ignoredParts = EnumSet.noneOf(SignalEnvelope.Part.class);

    private DataMessageReader() {}

    /** The data message at the reader's current value, or absent if that is not an object. */
    static Optional<SignalEnvelope.DataMessage> read(BoundedJsonReader reader) throws SignalCliException.Protocol {
        if (reader.current() != JsonToken.START_OBJECT) {
            reader.skip();
            return Optional.empty();
        }
        DataMessageReader draft = new DataMessageReader();
        reader.readObject(name -> draft.field(reader, name));
        return Optional.of(new SignalEnvelope.DataMessage(
                draft.message,
                draft.timestamp,
                draft.expiresInSeconds,
                draft.viewOnce,
                draft.attachments,
                draft.group,
                draft.ignoredParts));
    }

    private void field(BoundedJsonReader reader, String name) throws SignalCliException.Protocol {
        switch (name) {
            case "message" -> message = reader.string();
            case "timestamp" -> timestamp = reader.nonNegativeLong();
            case "expiresInSeconds" -> expiresInSeconds = reader.nonNegativeInt();
            case "viewOnce" -> viewOnce = reader.isTrue();
            case "attachments" -> readAttachments(reader);
            case "groupInfo" -> group = readGroup(reader);
            case "quote" -> flagIf(reader.isObject(), SignalEnvelope.Part.QUOTE);
            case "sticker" -> flagIf(reader.isObject(), SignalEnvelope.Part.STICKER);
            case "reaction" -> flagIf(reader.isObject(), SignalEnvelope.Part.REACTION);
            case "remoteDelete" -> flagIf(reader.isObject(), SignalEnvelope.Part.REMOTE_DELETE);
            case "mentions" -> flagIf(reader.arrayItems() > 0, SignalEnvelope.Part.MENTIONS);
            case "previews" -> flagIf(reader.arrayItems() > 0, SignalEnvelope.Part.PREVIEWS);
            case "contacts" -> flagIf(reader.arrayItems() > 0, SignalEnvelope.Part.CONTACTS);
            default -> reader.skip();
        }
    }

    private void flagIf(boolean present, SignalEnvelope.Part part) {
        if (present) {
            ignoredParts.add(part);
        }
    }

    private void readAttachments(BoundedJsonReader reader) throws SignalCliException.Protocol {
        if (reader.current() != JsonToken.START_ARRAY) {
            reader.skip();
            return;
        }
        reader.readArray(() -> readAttachment(reader).ifPresent(attachments::add));
    }

    /** An attachment without a usable {@code id} (a plain file name) cannot be fetched: it is dropped. */
    private static Optional<SignalEnvelope.Attachment> readAttachment(BoundedJsonReader reader)
            throws SignalCliException.Protocol {
        if (reader.current() != JsonToken.START_OBJECT) {
            reader.skip();
            return Optional.empty();
        }
        var draft = new Object() {
            Optional<String> id = Optional.empty();
            Optional<String> contentType = Optional.empty();
            Optional<String> filename = Optional.empty();
            OptionalLong size = OptionalLong.empty();
        };
        reader.readObject(name -> {
            switch (name) {
                case "id" -> draft.id = SignalIds.attachmentId(reader.string());
                case "contentType" -> draft.contentType = SignalIds.nonBlank(reader.string());
                case "filename" -> draft.filename = SignalIds.nonBlank(reader.string());
                case "size" -> draft.size = reader.nonNegativeLong();
                default -> reader.skip();
            }
        });
        return draft.id.map(id -> new SignalEnvelope.Attachment(id, draft.contentType, draft.filename, draft.size));
    }

    /**
     * Any {@code groupInfo} object marks a group message; its {@code groupId} is empty unless it is
     * base64 of at most 64 bytes (what signal-cli sends: 32 bytes for a v2 group).
     */
    private static Optional<SignalEnvelope.Group> readGroup(BoundedJsonReader reader)
            throws SignalCliException.Protocol {
        if (reader.current() != JsonToken.START_OBJECT) {
            reader.skip();
            return Optional.empty();
        }
        var draft = new Object() {
            Optional<String> groupId = Optional.empty();
            Optional<String> type = Optional.empty();
        };
        reader.readObject(name -> {
            switch (name) {
                case "groupId" -> draft.groupId = SignalIds.groupId(reader.string());
                case "type" -> draft.type = SignalIds.nonBlank(reader.string());
                default -> reader.skip();
            }
        });
        return Optional.of(new SignalEnvelope.Group(draft.groupId.orElse(""), draft.type));
    }
}
