// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Nothing a sender or signal-cli wrote (numbers, ACIs, names, texts, ids) reaches a toString or an exception. */
class EnvelopeParserRedactionTest {
    /** Enum constants, exception class names, MIME types, booleans, one or two letters: say nothing about anyone. */
    private static final Pattern HARMLESS =
            Pattern.compile("[A-Z_]+|[A-Za-z]+Exception|[a-z]+/[a-z0-9.+-]+|true|false|.{1,2}");

    /** Every reason the parser gives: a fixed vocabulary, so no refusal can carry input. */
    static final Set<String> REFUSALS = Set.of(
            "empty input",
            "line too long",
            "not UTF-8",
            "not JSON",
            "result not an object",
            "trailing data after result",
            "envelope missing",
            "envelope not an object",
            "duplicate field",
            "nesting too deep",
            "string too long",
            "field name too long",
            "number too long",
            "array too long",
            "limit exceeded");

    private final EnvelopeParser parser = new EnvelopeParser(SignalLimits.DEFAULT);

    @Test
    void keepsNumberOutOfToStringAndExceptions() throws Exception {
        for (String fixture : SignalFixturesTest.FIXTURES) {
            byte[] json = SignalFixtures.load(fixture);
            Set<String> secrets = valuesIn(json);

            for (String shown : toStrings(parser.parse(json))) {
                assertThat(secrets).as(fixture).noneMatch(shown::contains);
            }
            for (String message : refusalsOf(json, secrets)) {
                assertThat(message).as(fixture).isIn(REFUSALS);
                assertThat(secrets).as(fixture).noneMatch(message::contains);
            }
        }
    }

    @Test
    void theScanWouldSeeALeak() throws Exception {
        byte[] json = SignalFixtures.load("text.json");

        assertThat(valuesIn(json))
                .contains(
                        "+4915112345678",
                        "566ff4e9-f061-49ad-bc27-b1dea43b8bbb",
                        "Ranger Amina",
                        "1767268800000",
                        "Two trucks loading logs at the old sawmill by the Kakamega forest gate, tonight.");
    }

    private static List<String> toStrings(SignalEnvelope envelope) {
        List<String> shown = new ArrayList<>(List.of(envelope.toString()));
        envelope.dataMessage().ifPresent(data -> {
            shown.add(data.toString());
            data.attachments().forEach(a -> shown.add(a.toString()));
            data.group().ifPresent(g -> shown.add(g.toString()));
        });
        return shown;
    }

    /**
     * The messages of every refusal the fixture can be turned into: cut short, doubled, a field repeated,
     * one of its own values unquoted or grown past the string limit, or held to tight limits on line, depth and arrays.
     */
    private static List<String> refusalsOf(byte[] json, Set<String> secrets) throws IOException {
        String text = new String(json, StandardCharsets.UTF_8);
        List<String> broken = new ArrayList<>();
        for (int end = 1; end < text.length(); end += 13) {
            broken.add(text.substring(0, end));
        }
        broken.add(text + text);
        broken.add("{\"envelope\":{}," + text.substring(text.indexOf('{') + 1));
        for (String secret : secrets) {
            broken.add(text.replace('"' + secret + '"', '"' + secret.repeat(1 + 1024 / secret.length()) + '"'));
            broken.add(text.replace('"' + secret + '"', secret));
        }
        broken.add(new ObjectMapper().readTree(json).toString());
        List<String> messages = new ArrayList<>();
        for (SignalLimits limits : List.of(
                SignalLimits.DEFAULT,
                new SignalLimits(1024, 32, 1024, 1000),
                new SignalLimits(1 << 20, 4, 1024, 1000),
                new SignalLimits(1 << 20, 32, 1024, 1))) {
            EnvelopeParser parser = new EnvelopeParser(limits);
            for (String input : broken) {
                refusal(parser, input.getBytes(StandardCharsets.UTF_8), messages);
            }
        }
        return messages;
    }

    private static void refusal(EnvelopeParser parser, byte[] input, List<String> messages) {
        try {
            parser.parse(input);
        } catch (SignalCliException.Protocol e) {
            assertThat(e).hasNoCause();
            messages.add(e.getMessage());
        }
    }

    /** Every string value and every number of four or more digits in the JSON, less the harmless ones. */
    private static Set<String> valuesIn(byte[] json) throws IOException {
        Set<String> values = new LinkedHashSet<>();
        collect(new ObjectMapper().readTree(json), values);
        values.removeIf(v -> HARMLESS.matcher(v).matches());
        return values;
    }

    private static void collect(JsonNode node, Set<String> values) {
        if (node.isTextual()) {
            values.add(node.textValue());
        } else if (node.isNumber() && node.asText().replaceAll("[^0-9]", "").length() >= 4) {
            values.add(node.asText());
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            collect(children.next(), values);
        }
    }
}
