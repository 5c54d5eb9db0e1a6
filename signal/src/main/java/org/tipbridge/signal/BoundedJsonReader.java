// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A JSON token stream that refuses, with a fixed message, anything beyond {@link SignalLimits}: every
 * string and field name (also in skipped values) is held to {@code maxStringBytes} UTF-8 bytes, every
 * array to {@code maxArrayItems}, nesting to {@code maxDepth}; numbers to {@value #MAX_NUMBER_CHARS}
 * characters. Each read method consumes the current value; a value of the wrong type reads as absent.
 */
final class BoundedJsonReader implements AutoCloseable {
    /** Longer than any timestamp, size or id signal-cli writes; keeps number parsing cheap. */
    static final int MAX_NUMBER_CHARS = 32;

    private final JsonParser parser;
    private final SignalLimits limits;

    private BoundedJsonReader(JsonParser parser, SignalLimits limits) {
        this.parser = parser;
        this.limits = limits;
    }

    /** A factory whose parsers enforce the limits Jackson can check itself. */
    static JsonFactory factory(SignalLimits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxStringLength(limits.maxStringBytes())
                        .maxNameLength(limits.maxStringBytes())
                        .maxNumberLength(MAX_NUMBER_CHARS)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
                .build();
    }

    static BoundedJsonReader open(JsonFactory factory, byte[] json, SignalLimits limits)
            throws SignalCliException.Protocol {
        try {
            return new BoundedJsonReader(factory.createParser(json), limits);
        } catch (IOException | RuntimeException e) {
            throw ParseRefusal.of(e);
        }
    }

    /** Moves to the next token; {@code null} only at the end of the input. */
    JsonToken next() throws SignalCliException.Protocol {
        try {
            return parser.nextToken();
        } catch (IOException | RuntimeException e) {
            throw ParseRefusal.of(e);
        }
    }

    JsonToken current() {
        return parser.currentToken();
    }

    /** Calls {@code field} for each field of the object at the current token, positioned on its value. */
    void readObject(FieldReader field) throws SignalCliException.Protocol {
        JsonToken token;
        while ((token = nextInValue()) == JsonToken.FIELD_NAME) {
            String name = checked(currentText(), "field name too long");
            nextInValue();
            field.read(name);
        }
        if (token != JsonToken.END_OBJECT) {
            throw new SignalCliException.Protocol("not JSON");
        }
    }

    /** Calls {@code item} for each item of the array at the current token, positioned on it. */
    void readArray(ItemReader item) throws SignalCliException.Protocol {
        int count = 0;
        while (nextInValue() != JsonToken.END_ARRAY) {
            if (++count > limits.maxArrayItems()) {
                throw new SignalCliException.Protocol("array too long");
            }
            item.read();
        }
    }

    /** Consumes the current value, checking strings and arrays within it, without recursion. */
    void skip() throws SignalCliException.Protocol {
        JsonToken token = current();
        if (token == JsonToken.VALUE_STRING) {
            checked(currentText(), "string too long");
        }
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return;
        }
        int[] items = new int[16]; // items seen per open array, -1 for an open object
        int top = 0;
        items[0] = token == JsonToken.START_ARRAY ? 0 : -1;
        while (top >= 0) {
            token = nextInValue();
            if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                top--;
            } else if (token == JsonToken.FIELD_NAME) {
                checked(currentText(), "field name too long");
            } else {
                if (items[top] >= 0 && ++items[top] > limits.maxArrayItems()) {
                    throw new SignalCliException.Protocol("array too long");
                }
                if (token == JsonToken.VALUE_STRING) {
                    checked(currentText(), "string too long");
                } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    if (++top == items.length) {
                        items = Arrays.copyOf(items, top * 2);
                    }
                    items[top] = token == JsonToken.START_ARRAY ? 0 : -1;
                }
            }
        }
    }

    /** A non-empty string value, else absent. */
    Optional<String> string() throws SignalCliException.Protocol {
        if (current() != JsonToken.VALUE_STRING) {
            skip();
            return Optional.empty();
        }
        String text = checked(currentText(), "string too long");
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** A non-negative integer that fits a {@code long}, else absent. */
    OptionalLong nonNegativeLong() throws SignalCliException.Protocol {
        if (current() != JsonToken.VALUE_NUMBER_INT || !fits(JsonParser.NumberType.LONG)) {
            skip();
            return OptionalLong.empty();
        }
        long value = numberAsLong();
        return value >= 0 ? OptionalLong.of(value) : OptionalLong.empty();
    }

    /** A non-negative integer that fits an {@code int}, else absent. */
    OptionalInt nonNegativeInt() throws SignalCliException.Protocol {
        if (current() != JsonToken.VALUE_NUMBER_INT || !fits(JsonParser.NumberType.INT)) {
            skip();
            return OptionalInt.empty();
        }
        long value = numberAsLong();
        return value >= 0 ? OptionalInt.of((int) value) : OptionalInt.empty();
    }

    /** True only for JSON {@code true}. */
    boolean isTrue() throws SignalCliException.Protocol {
        boolean value = current() == JsonToken.VALUE_TRUE;
        skip();
        return value;
    }

    /** Whether the value is an object (it is consumed either way). */
    boolean isObject() throws SignalCliException.Protocol {
        boolean value = current() == JsonToken.START_OBJECT;
        skip();
        return value;
    }

    /** The number of items if the value is an array, else 0 (it is consumed either way). */
    int arrayItems() throws SignalCliException.Protocol {
        if (current() != JsonToken.START_ARRAY) {
            skip();
            return 0;
        }
        int[] count = {0};
        readArray(() -> {
            count[0]++;
            skip();
        });
        return count[0];
    }

    /** Refuses anything after the result object. */
    void expectEnd() throws SignalCliException.Protocol {
        if (next() != null) {
            throw new SignalCliException.Protocol("trailing data after result");
        }
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // a parser over a byte array holds nothing to release
        }
    }

    private JsonToken nextInValue() throws SignalCliException.Protocol {
        JsonToken token = next();
        if (token == null) {
            throw new SignalCliException.Protocol("not JSON");
        }
        return token;
    }

    private boolean fits(JsonParser.NumberType widest) throws SignalCliException.Protocol {
        try {
            JsonParser.NumberType type = parser.getNumberType();
            return type == JsonParser.NumberType.INT || type == widest;
        } catch (IOException | RuntimeException e) {
            throw ParseRefusal.of(e);
        }
    }

    private long numberAsLong() throws SignalCliException.Protocol {
        try {
            return parser.getLongValue();
        } catch (IOException | RuntimeException e) {
            throw ParseRefusal.of(e);
        }
    }

    private String currentText() throws SignalCliException.Protocol {
        try {
            return parser.getText();
        } catch (IOException | RuntimeException e) {
            throw ParseRefusal.of(e);
        }
    }

    private String checked(String text, String refusal) throws SignalCliException.Protocol {
        if (Utf8.exceeds(text, limits.maxStringBytes())) {
            throw new SignalCliException.Protocol(refusal);
        }
        return text;
    }

    /** Reads one field's value; must consume it. */
    @FunctionalInterface
    interface FieldReader {
        void read(String name) throws SignalCliException.Protocol;
    }

    /** Reads one array item; must consume it. */
    @FunctionalInterface
    interface ItemReader {
        void read() throws SignalCliException.Protocol;
    }
}
