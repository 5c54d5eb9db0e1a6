// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import static org.tipbridge.bridge.hostile.RecordCheck.attachments;
import static org.tipbridge.bridge.hostile.RecordCheck.bodyContains;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * signal-cli JSON-RPC lines as the receiver reads them from its socket: {@code receive}
 * notifications with absent, null, huge, wrongly typed and duplicated fields, deep nesting,
 * invalid UTF-8, and lines that are not JSON at all. Every case has its own ACI and number.
 */
final class SignalCases {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SignalCases() {}

    static List<HostileCase> all() {
        List<HostileCase> out = new ArrayList<>();
        Expected malformed = Expected.quarantine("malformed-signal");
        out.add(raw("signal-line-not-json", "{\"jsonrpc\":\"2.0\",", malformed));
        out.add(raw("signal-line-plain-text", "hello from a broken signal-cli", malformed));
        out.add(raw("signal-line-json-array", "[1,2,3]", malformed));
        out.add(raw("signal-line-json-string", "\"just a string\"", malformed));
        out.add(raw("signal-line-empty-object", "{}", Expected.ignored()));
        out.add(raw(
                "signal-line-unknown-method",
                "{\"jsonrpc\":\"2.0\",\"method\":\"somethingElse\",\"params\":{}}",
                Expected.ignored()));
        out.add(raw(
                "signal-line-trailing-garbage",
                line(direct("signal-line-trailing-garbage", "t")) + " trailing",
                malformed));
        out.add(bytes(
                "signal-line-invalid-utf8",
                withRawBytes("signal-line-invalid-utf8", new byte[] {(byte) 0xFF, (byte) 0xFE}),
                malformed));
        out.add(bytes(
                "signal-line-overlong-utf8",
                withRawBytes("signal-line-overlong-utf8", new byte[] {(byte) 0xC0, (byte) 0xAF}),
                malformed));
        out.add(bytes(
                "signal-line-raw-nul-in-string",
                withRawBytes("signal-line-raw-nul-in-string", new byte[] {0}),
                malformed));
        out.add(raw("signal-nesting-just-over-32", nested(33), malformed));
        out.add(raw("signal-nesting-far-over-100000", nested(100_000), malformed));
        out.add(raw(
                "signal-duplicate-field-source-uuid",
                line(envelope(
                        "signal-duplicate-field-source-uuid",
                        source("signal-duplicate-field-source-uuid") + ",\"sourceUuid\":\"" + aci("a second sender")
                                + "\"," + data("dup"))),
                malformed));
        out.add(raw(
                "signal-duplicate-field-message",
                line(envelope(
                        "signal-duplicate-field-message",
                        source("signal-duplicate-field-message")
                                + ",\"dataMessage\":{\"message\":\"a\",\"message\":\"b\"}")),
                malformed));
        out.add(raw(
                "signal-result-null",
                "{\"jsonrpc\":\"2.0\",\"method\":\"receive\",\"params\":{\"subscription\":0,\"result\":null}}",
                malformed));
        out.add(raw("signal-params-array", "{\"jsonrpc\":\"2.0\",\"method\":\"receive\",\"params\":[1]}", malformed));
        out.add(raw("signal-result-without-envelope", line("{\"account\":\"+254700000000\"}"), malformed));
        out.add(raw("signal-envelope-null", line("{\"envelope\":null,\"account\":\"+254700000000\"}"), malformed));
        out.add(raw("signal-envelope-is-a-string", line("{\"envelope\":\"text\"}"), malformed));
        out.add(raw(
                "signal-field-name-100kb",
                line(envelope(
                        "signal-field-name-100kb",
                        "\"" + "k".repeat(100_000) + "\":1," + source("signal-field-name-100kb") + "," + data("x"))),
                malformed));
        out.add(raw(
                "signal-attachments-1001-items",
                line(envelope(
                        "signal-attachments-1001-items",
                        source("signal-attachments-1001-items")
                                + ",\"dataMessage\":{\"message\":\"m\",\"attachments\":[" + "{},".repeat(1000)
                                + "{}]}")),
                malformed));
        Expected noSender = Expected.quarantine("no-sender");
        out.add(raw(
                "signal-source-uuid-absent",
                line(envelope(
                        "signal-source-uuid-absent",
                        "\"sourceNumber\":\"+4915100000001\",\"timestamp\":1," + data("who"))),
                noSender));
        out.add(raw(
                "signal-source-uuid-null",
                line(envelope("signal-source-uuid-null", "\"sourceUuid\":null,\"timestamp\":1," + data("who"))),
                noSender));
        out.add(raw(
                "signal-source-uuid-wrong-type",
                line(envelope("signal-source-uuid-wrong-type", "\"sourceUuid\":12345,\"timestamp\":1," + data("who"))),
                noSender));
        out.add(raw(
                "signal-source-uuid-path",
                line(envelope(
                        "signal-source-uuid-path",
                        "\"sourceUuid\":\"../../../etc/passwd\",\"timestamp\":1," + data("who"))),
                noSender));
        out.add(raw(
                "signal-source-uuid-1mib",
                line(envelope(
                        "signal-source-uuid-1mib",
                        "\"sourceUuid\":\"" + "u".repeat(1 << 20) + "\",\"timestamp\":1," + data("who"))),
                noSender));
        out.add(raw(
                "signal-message-null",
                line(envelope(
                        "signal-message-null", source("signal-message-null") + ",\"dataMessage\":{\"message\":null}")),
                Expected.ignored()));
        out.add(raw(
                "signal-message-wrong-type",
                line(envelope(
                        "signal-message-wrong-type",
                        source("signal-message-wrong-type") + ",\"dataMessage\":{\"message\":{\"nested\":true}}")),
                Expected.ignored()));
        out.add(raw(
                "signal-data-message-is-an-array",
                line(envelope(
                        "signal-data-message-is-an-array",
                        source("signal-data-message-is-an-array") + ",\"dataMessage\":[\"a\"]")),
                Expected.ignored()));
        out.add(direct("signal-message-1mib", "tip ".repeat(1 << 18), Expected.tip(), bodyContains("tip tip")));
        out.add(direct(
                "signal-message-with-escapes-and-bidi",
                EscapeCases.CSI + EscapeCases.OSC_CLIPBOARD + EscapeCases.C1 + "\u202e signal tip",
                Expected.tip(),
                bodyContains("signal tip")));
        out.add(direct(
                "signal-message-escaped-nul", "a\u0000b\u0000 signal tip", Expected.tip(), bodyContains("signal tip")));
        out.add(raw(
                "signal-timestamp-wrong-types",
                line(
                        envelope(
                                "signal-timestamp-wrong-types",
                                "\"sourceUuid\":\"" + aci("signal-timestamp-wrong-types")
                                        + "\",\"timestamp\":\"yesterday\","
                                        + "\"dataMessage\":{\"timestamp\":-5,\"message\":\"timeless tip\",\"expiresInSeconds\":1e400}")),
                Expected.tip(),
                bodyContains("timeless tip")));
        out.add(raw(
                "signal-timestamp-overflows-long",
                line(envelope(
                        "signal-timestamp-overflows-long",
                        "\"sourceUuid\":\"" + aci("signal-timestamp-overflows-long")
                                + "\",\"timestamp\":99999999999999999999999," + data("overflow tip"))),
                Expected.tip(),
                bodyContains("overflow tip")));
        out.add(raw(
                "signal-attachment-id-traversal",
                line(
                        envelope(
                                "signal-attachment-id-traversal",
                                source("signal-attachment-id-traversal")
                                        + ",\"dataMessage\":{\"message\":\"with file\",\"attachments\":"
                                        + "[{\"id\":\"../../../etc/passwd\",\"filename\":\"../../x\",\"contentType\":\"text/plain\"}]}")),
                Expected.tip(),
                attachments(0)));
        out.add(raw(
                "signal-attachment-missing-file",
                line(
                        envelope(
                                "signal-attachment-missing-file",
                                source("signal-attachment-missing-file")
                                        + ",\"dataMessage\":{\"message\":\"with file\",\"attachments\":"
                                        + "[{\"id\":\"NoSuchFile01\",\"filename\":\"\\u001b[2J../evil.sh\",\"size\":\"big\"}]}")),
                Expected.tip("missing"),
                attachments(0)));
        out.add(raw(
                "signal-group-message",
                line(
                        envelope(
                                "signal-group-message",
                                source("signal-group-message")
                                        + ",\"dataMessage\":{\"message\":\"to the group\",\"groupInfo\":{\"groupId\":\"AAAA\",\"type\":\"DELIVER\"}}")),
                Expected.ignored()));
        out.add(raw(
                "signal-receipt-only",
                line(envelope(
                        "signal-receipt-only",
                        source("signal-receipt-only")
                                + ",\"receiptMessage\":{\"when\":1,\"isDelivery\":true,\"timestamps\":[1]}")),
                Expected.ignored()));
        out.add(raw(
                "signal-typing-only",
                line(envelope(
                        "signal-typing-only",
                        source("signal-typing-only") + ",\"typingMessage\":{\"action\":\"STARTED\",\"timestamp\":1}")),
                Expected.ignored()));
        out.add(raw(
                "signal-exception-instead-of-content",
                line(
                        "{\"envelope\":{" + source("signal-exception-instead-of-content")
                                + "},\"exception\":{\"message\":\"+4915100000000 could not decrypt\",\"type\":\"ProtocolInvalidMessageException\"}}"),
                Expected.ignored()));
        out.add(raw(
                "signal-sync-message",
                line(envelope(
                        "signal-sync-message",
                        source("signal-sync-message")
                                + ",\"syncMessage\":{\"sentMessage\":{\"message\":\"note to self\"}}")),
                Expected.ignored()));
        return out;
    }

    /** The ACI of a case. */
    static String aci(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static HostileCase raw(String name, String line, Expected expected, RecordCheck... checks) {
        return GeneratedCase.signal(name, expected, () -> line.getBytes(StandardCharsets.UTF_8), checks);
    }

    private static HostileCase bytes(String name, byte[] line, Expected expected) {
        return GeneratedCase.signal(name, expected, () -> line);
    }

    private static HostileCase direct(String name, String text, Expected expected, RecordCheck... checks) {
        return raw(name, line(direct(name, text)), expected, checks);
    }

    private static String direct(String name, String text) {
        return envelope(name, source(name) + "," + data(text));
    }

    static String line(String result) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"receive\",\"params\":{\"subscription\":0,\"result\":" + result + "}}";
    }

    private static String envelope(String name, String fields) {
        return "{\"envelope\":{" + fields + "},\"account\":\"+254700000000\"}";
    }

    /** The identifying source fields of a case: number, ACI, name, device, timestamps. */
    private static String source(String name) {
        long n = Mails.number(name);
        String number = "+49151" + String.format("%08d", n % 100_000_000L);
        long timestamp = 1_764_000_000_000L + n % 1_000_000L;
        return "\"source\":\"" + number + "\",\"sourceNumber\":\"" + number + "\",\"sourceUuid\":\"" + aci(name)
                + "\",\"sourceName\":\"Ranger " + n + "\",\"sourceDevice\":1,\"timestamp\":" + timestamp
                + ",\"serverReceivedTimestamp\":" + timestamp;
    }

    private static String data(String text) {
        return "\"dataMessage\":{\"message\":" + quote(text) + "}";
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A direct message whose text holds {@code raw} bytes exactly (not valid UTF-8 JSON text). */
    private static byte[] withRawBytes(String name, byte[] raw) {
        String[] halves = line(direct(name, "@@")).split("@@");
        return PgpCases.concat(
                PgpCases.concat(halves[0].getBytes(StandardCharsets.UTF_8), raw),
                halves[1].getBytes(StandardCharsets.UTF_8));
    }

    private static String nested(int depth) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"receive\",\"params\":{\"subscription\":0,\"result\":{\"envelope\":{\"x\":"
                + "[".repeat(depth) + "]".repeat(depth) + "}}}}";
    }
}
