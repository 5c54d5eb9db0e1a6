// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one line from signal-cli is: a received notification's {@code result} (for the sink), a
 * line that cannot be read (for the sink's {@code acceptUnreadable}), or any other JSON-RPC object
 * (an answer to a request, or a notification of another kind).
 */
sealed interface InboundLine {

    /** A {@code receive} notification: its {@code result} object as compact JSON bytes. */
    record Envelope(byte[] resultJson) implements InboundLine {}

    /** Not JSON within the limits, not an object, or a {@code receive} without an envelope object. */
    record Unreadable(SignalCliException.Protocol reason) implements InboundLine {}

    /** Any other JSON-RPC object. */
    record Message(JsonNode message) implements InboundLine {}

    /** Classifies one non-empty line (without its terminator); never throws for any input. */
    static InboundLine read(JsonRpcCodec codec, byte[] line) {
        JsonNode message;
        try {
            message = codec.parse(line);
        } catch (SignalCliException.Protocol e) {
            return new Unreadable(e);
        }
        if (!"receive".equals(message.path("method").asText())) {
            return new Message(message);
        }
        JsonNode params = message.path("params");
        if (!params.isObject()
                || (params.has("result") && !params.path("result").isObject())) {
            return new Unreadable(new SignalCliException.Protocol("receive notification without an envelope"));
        }
        return new Envelope(codec.compact(envelopeOf((ObjectNode) params)));
    }

    /** Manual mode: {@code params.result}; on-start mode: {@code params} itself, minus {@code subscription}. */
    private static JsonNode envelopeOf(ObjectNode params) {
        if (params.has("result")) {
            return params.path("result");
        }
        ObjectNode copy = params.deepCopy();
        copy.remove("subscription");
        return copy;
    }
}
