// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.signal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes a Signal line that could not be read as an envelope fit for analysts: the quarantine keeps
 * what a source wrote (message text, captions, file types) and drops everything that could name
 * or place them (file names too: a phone's default name carries the capture time). Streaming, token by token, so nesting depth costs no recursion:
 * <ul>
 *   <li>a value is kept only under a field named in {@link #CONTENT} (or when it is a boolean or
 *       null); every other string or number becomes {@code "[removed]"}: numbers, ACIs, names,
 *       device ids, exact timestamps, group ids, profile keys, and fields signal-cli adds later;
 *   <li>a field name is kept only when it looks like one of signal-cli's ({@link #NAME}); a phone
 *       number or a UUID used as a key becomes {@code "[removed]"};
 *   <li>input that stops being JSON part way keeps the redacted part before that point, as a
 *       string, with the total length; nothing after it is kept.
 * </ul>
 */
final class UnreadableLineRedactor {
    /** Fields whose values are the source's own content, or harmless structure. */
    static final Set<String> CONTENT = Set.of(
            "message",
            "text",
            "caption",
            "body",
            "title",
            "description",
            "contentType",
            "emoji",
            "jsonrpc",
            "method",
            "type",
            "action",
            "viewOnce",
            "isDelivery",
            "isRead",
            "isViewed",
            "expiresInSeconds",
            "size",
            "width",
            "height",
            "voiceNote",
            "borderless");

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,40}");
    private static final String REMOVED = "[removed]";
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(2_000)
                    .maxStringLength(64 << 20)
                    .maxDocumentLength(64L << 20)
                    .build())
            .streamWriteConstraints(
                    StreamWriteConstraints.builder().maxNestingDepth(2_000).build())
            .build();

    private UnreadableLineRedactor() {}

    /** The redacted form of {@code line[offset..]}, as UTF-8 JSON. */
    static byte[] redact(byte[] line, int offset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(line.length, 1 << 20));
        try (JsonParser in = JSON.createParser(line, offset, line.length - offset);
                JsonGenerator gen = JSON.createGenerator(out)) {
            copy(in, gen);
            gen.flush();
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            return cutShort(out, line.length - offset);
        }
    }

    private static void copy(JsonParser in, JsonGenerator gen) throws IOException {
        for (JsonToken token = in.nextToken(); token != null; token = in.nextToken()) {
            switch (token) {
                case START_OBJECT -> gen.writeStartObject();
                case END_OBJECT -> gen.writeEndObject();
                case START_ARRAY -> gen.writeStartArray();
                case END_ARRAY -> gen.writeEndArray();
                case FIELD_NAME ->
                    gen.writeFieldName(NAME.matcher(in.currentName()).matches() ? in.currentName() : REMOVED);
                case VALUE_TRUE, VALUE_FALSE -> gen.writeBoolean(in.getBooleanValue());
                case VALUE_NULL -> gen.writeNull();
                default -> scalar(in, gen, fieldOf(in));
            }
        }
    }

    /** The field a scalar belongs to: its own, or for an array item the field holding the (outermost) array. */
    private static String fieldOf(JsonParser in) {
        JsonStreamContext context = in.getParsingContext();
        while (context != null && context.inArray()) {
            context = context.getParent();
        }
        return context == null ? null : context.getCurrentName();
    }

    private static void scalar(JsonParser in, JsonGenerator gen, String field) throws IOException {
        if (field == null || !CONTENT.contains(field)) {
            gen.writeString(REMOVED);
        } else if (in.currentToken() == JsonToken.VALUE_STRING) {
            gen.writeString(in.getText());
        } else {
            gen.writeNumber(in.getText());
        }
    }

    /** What is left when the input stops being JSON: the redacted part so far, as text, and the length. */
    private static byte[] cutShort(ByteArrayOutputStream redactedSoFar, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("unreadable", "not JSON from this point on; the rest is not kept");
            gen.writeNumberField("bytes", length);
            gen.writeStringField("redactedBeforeThatPoint", redactedSoFar.toString(StandardCharsets.UTF_8));
            gen.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }
}
