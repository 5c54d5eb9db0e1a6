// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns signal-cli {@code result} objects into values. Absent, null and wrongly typed optional
 * fields are absent; a missing required part or an array over {@link SignalLimits#maxArrayItems()}
 * is {@link SignalCliException.Protocol}.
 */
final class ResultDecoder {
    private final SignalLimits limits;

    ResultDecoder(SignalLimits limits) {
        this.limits = limits;
    }

    String version(JsonNode result) throws SignalCliException.Protocol {
        return text(result, "version")
                .orElseThrow(() -> new SignalCliException.Protocol("version result without version"));
    }

    SendOutcome sendOutcome(JsonNode result) throws SignalCliException.Protocol {
        if (!result.isObject()) {
            throw new SignalCliException.Protocol("send result is not an object");
        }
        List<RecipientResult> results = new ArrayList<>();
        for (JsonNode item : items(result.path("results"), "send results")) {
            results.add(recipientResult(item));
        }
        return new SendOutcome(integral(result, "timestamp"), results);
    }

    byte[] attachment(JsonNode result) throws SignalCliException.Protocol {
        String data = text(result, "data")
                .orElseThrow(() -> new SignalCliException.Protocol("attachment result without data"));
        if (data.length() > limits.maxStringBytes()) {
            throw new SignalCliException.Protocol("attachment data over the string limit");
        }
        try {
            return Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new SignalCliException.Protocol("attachment data is not base64");
        }
    }

    List<Identity> identities(JsonNode result) throws SignalCliException.Protocol {
        List<Identity> identities = new ArrayList<>();
        for (JsonNode item : items(result, "identities")) {
            identities.add(new Identity(
                    text(item, "number"),
                    text(item, "uuid"),
                    text(item, "safetyNumber"),
                    text(item, "trustLevel"),
                    integral(item, "addedTimestamp")));
        }
        return List.copyOf(identities);
    }

    private RecipientResult recipientResult(JsonNode item) {
        JsonNode address = item.path("recipientAddress");
        ResultType type = text(item, "type").map(ResultType::of).orElse(ResultType.UNKNOWN);
        return new RecipientResult(
                text(address, "uuid"), text(address, "number"), type, integral(item, "retryAfterSeconds"));
    }

    private JsonNode items(JsonNode array, String what) throws SignalCliException.Protocol {
        if (!array.isArray()) {
            throw new SignalCliException.Protocol(what + " are not an array");
        }
        if (array.size() > limits.maxArrayItems()) {
            throw new SignalCliException.Protocol(what + ": " + array.size() + " items over the limit");
        }
        return array;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static OptionalLong integral(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() && value.canConvertToLong()
                ? OptionalLong.of(value.longValue())
                : OptionalLong.empty();
    }
}
