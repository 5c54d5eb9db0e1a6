// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * JSON-RPC 2.0 lines for signal-cli: builds requests (with {@code params.account} when configured)
 * and parses answers within {@link SignalLimits}. Parse errors never quote the input.
 */
final class JsonRpcCodec {
    private final ObjectMapper mapper;
    private final Optional<String> account;

    JsonRpcCodec(SignalLimits limits, Optional<String> account) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxStringLength(limits.maxStringBytes())
                .maxDocumentLength(limits.maxLineBytes())
                .build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        this.account = account;
    }

    /** An empty params object to fill. */
    ObjectNode params() {
        return mapper.createObjectNode();
    }

    /** One request line, LF-terminated; {@code params.account} is added when an account is configured. */
    byte[] request(long id, String method, ObjectNode params) {
        ObjectNode request = mapper.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("method", method);
        ObjectNode withAccount = params.deepCopy();
        account.ifPresent(a -> withAccount.put("account", a));
        if (!withAccount.isEmpty()) {
            request.set("params", withAccount);
        }
        request.put("id", id);
        return line(request);
    }

    /** One line parsed as a JSON object. */
    JsonNode parse(byte[] line) throws SignalCliException.Protocol {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new SignalCliException.Protocol(
                    "not JSON within limits: " + e.getClass().getSimpleName());
        } catch (IOException e) {
            throw new SignalCliException.Protocol(
                    "unreadable JSON: " + e.getClass().getSimpleName());
        }
        if (node == null || !node.isObject()) {
            throw new SignalCliException.Protocol("a JSON-RPC line is not an object");
        }
        return node;
    }

    /** Compact JSON bytes of a node, without a line terminator. */
    byte[] compact(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree cannot be written", e);
        }
    }

    private byte[] line(JsonNode node) {
        byte[] json = compact(node);
        byte[] line = Arrays.copyOf(json, json.length + 1);
        line[json.length] = '\n';
        return line;
    }
}
