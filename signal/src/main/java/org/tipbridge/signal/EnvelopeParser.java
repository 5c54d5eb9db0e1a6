// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonToken;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Parses a notification's {@code result} JSON ({@code {envelope:{...}, account}}) into a
 * {@link SignalEnvelope}, within {@link SignalLimits}. Absent fields, nulls and unknown fields are
 * tolerated; a wrongly typed field is treated as absent; anything not JSON, too deep, too long, or
 * without an {@code envelope} object is {@link SignalCliException.Protocol}.
 *
 * <p>Strict where ambiguity could mislead a later stage: input must be UTF-8 without raw NUL bytes,
 * a repeated field is refused, identifiers of the wrong shape (an ACI that is not a UUID, a number that
 * is not E.164, an attachment id that is not a plain file name) are absent, and of an {@code exception}
 * only its type is kept. A refusal's message names the broken rule and never quotes the input.
 * Thread-safe; the input is read as a token stream, never held as a tree.
 */
public final class EnvelopeParser {
    private static final Map<String, SignalEnvelope.Kind> KIND_FIELDS = Map.of(
            "receiptMessage", SignalEnvelope.Kind.RECEIPT,
            "typingMessage", SignalEnvelope.Kind.TYPING,
            "syncMessage", SignalEnvelope.Kind.SYNC,
            "callMessage", SignalEnvelope.Kind.CALL,
            "storyMessage", SignalEnvelope.Kind.STORY,
            "editMessage", SignalEnvelope.Kind.EDIT);

    private final SignalLimits limits;
    private final JsonFactory json;

    /** A parser holding every input to {@code limits}. */
    public EnvelopeParser(SignalLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.json = BoundedJsonReader.factory(limits);
    }

    /**
     * The envelope in one {@code result} object.
     *
     * @throws SignalCliException.Protocol if it is empty, longer than {@code maxLineBytes}, not UTF-8 JSON,
     *     beyond a limit, or has no {@code envelope} object
     */
    public SignalEnvelope parse(byte[] resultJson) throws SignalCliException.Protocol {
        if (resultJson == null || resultJson.length == 0) {
            throw new SignalCliException.Protocol("empty input");
        }
        if (resultJson.length > limits.maxLineBytes()) {
            throw new SignalCliException.Protocol("line too long");
        }
        if (!Utf8.isStrictJsonText(resultJson)) {
            throw new SignalCliException.Protocol("not UTF-8");
        }
        try (BoundedJsonReader reader = BoundedJsonReader.open(json, resultJson, limits)) {
            if (reader.next() != JsonToken.START_OBJECT) {
                throw new SignalCliException.Protocol("result not an object");
            }
            Draft draft = new Draft();
            reader.readObject(name -> readResultField(reader, name, draft));
            reader.expectEnd();
            return draft.build();
        }
    }

    private static void readResultField(BoundedJsonReader reader, String name, Draft draft)
            throws SignalCliException.Protocol {
        switch (name) {
            case "account" -> draft.account = SignalIds.nonBlank(reader.string());
            case "exception" -> draft.fail(readFailure(reader));
            case "envelope" -> readEnvelope(reader, draft);
            default -> reader.skip();
        }
    }

    private static void readEnvelope(BoundedJsonReader reader, Draft draft) throws SignalCliException.Protocol {
        if (reader.current() != JsonToken.START_OBJECT) {
            if (reader.current() != JsonToken.VALUE_NULL) {
                throw new SignalCliException.Protocol("envelope not an object");
            }
            return;
        }
        draft.envelopeSeen = true;
        reader.readObject(name -> readEnvelopeField(reader, name, draft));
    }

    private static void readEnvelopeField(BoundedJsonReader reader, String name, Draft draft)
            throws SignalCliException.Protocol {
        switch (name) {
            case "sourceUuid" -> draft.sourceUuid = SignalIds.aci(reader.string());
            case "sourceNumber" -> draft.sourceNumber = SignalIds.e164(reader.string());
            case "sourceName" -> draft.sourceName = SignalIds.nonBlank(reader.string());
            case "sourceDevice" -> draft.sourceDevice = reader.nonNegativeInt();
            case "timestamp" -> draft.timestamp = reader.nonNegativeLong();
            case "dataMessage" -> draft.dataMessage = DataMessageReader.read(reader);
            case "exception" -> draft.fail(readFailure(reader));
            default -> {
                SignalEnvelope.Kind kind = KIND_FIELDS.get(name);
                if (kind == null) {
                    reader.skip();
                } else if (reader.isObject()) {
                    draft.kinds.add(kind);
                }
            }
        }
    }

    /** signal-cli's {@code exception {message, type}}: the message may quote identifiers, only the type is kept. */
    private static Optional<SignalEnvelope.Failure> readFailure(BoundedJsonReader reader)
            throws SignalCliException.Protocol {
        if (reader.current() != JsonToken.START_OBJECT) {
            reader.skip();
            return Optional.empty();
        }
        String[] type = {null};
        reader.readObject(name -> {
            if (name.equals("type")) {
                type[0] = SignalIds.exceptionType(reader.string()).orElse(null);
            } else {
                reader.skip();
            }
        });
        return Optional.of(new SignalEnvelope.Failure(Optional.ofNullable(type[0])));
    }

    /** What has been read so far of one result. */
    private static final class Draft {
        boolean envelopeSeen;
        Optional<String> account = Optional.empty();
        Optional<String> sourceUuid = Optional.empty();
        Optional<String> sourceNumber = Optional.empty();
        Optional<String> sourceName = Optional.empty();
        OptionalInt sourceDevice = OptionalInt.empty();
        OptionalLong timestamp = OptionalLong.empty();
        Optional<SignalEnvelope.DataMessage> dataMessage = Optional.empty();
        final Set<SignalEnvelope.Kind> kinds = EnumSet.noneOf(SignalEnvelope.Kind.class);
        Optional<SignalEnvelope.Failure> failure = Optional.empty();

        /** An exception at the result level and in the envelope are one failure; a known type wins. */
        void fail(Optional<SignalEnvelope.Failure> found) {
            if (found.isPresent() && (failure.isEmpty() || failure.get().type().isEmpty())) {
                failure = found;
            }
        }

        SignalEnvelope build() throws SignalCliException.Protocol {
            if (!envelopeSeen) {
                throw new SignalCliException.Protocol("envelope missing");
            }
            return new SignalEnvelope(
                    account,
                    sourceUuid,
                    sourceNumber,
                    sourceName,
                    sourceDevice,
                    timestamp,
                    dataMessage,
                    kinds,
                    failure);
        }
    }
}
