// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tipbridge.signal.EnvelopeParserTest.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each {@link SignalLimits} bound holds exactly: at the bound the input parses, one past it is refused. */
class EnvelopeParserLimitsTest {
    private static final SignalLimits SMALL = new SignalLimits(4096, 8, 1024, 16);
    private static final String ACI = "566ff4e9-f061-49ad-bc27-b1dea43b8bbb";

    private final EnvelopeParser parser = new EnvelopeParser(SMALL);

    @Test
    void refusesLineTooLong() throws Exception {
        String text = "{'envelope':{'sourceUuid':'" + ACI + "','dataMessage':{'message':'hello'}}}";
        byte[] atLimit = json(padded(text, SMALL.maxLineBytes()));
        byte[] pastLimit = json(padded(text, SMALL.maxLineBytes() + 1));

        assertThat(parser.parse(atLimit).isDirectDataMessage()).isTrue();
        assertRefused(pastLimit, "line too long");
    }

    @Test
    void refusesNestingTooDeep() throws Exception {
        // the result object is depth 1, the envelope 2: an unknown field holds the rest
        int arrays = SMALL.maxDepth() - 2;
        byte[] atLimit = json("{'envelope':{'x':" + "[".repeat(arrays) + "]".repeat(arrays) + "}}");
        byte[] pastLimit = json("{'envelope':{'x':" + "[".repeat(arrays + 1) + "]".repeat(arrays + 1) + "}}");

        assertThat(parser.parse(atLimit).kinds()).isEmpty();
        assertRefused(pastLimit, "nesting too deep");
        assertRefused(json("{'envelope':{'x':" + "[".repeat(1500) + "]".repeat(1500) + "}}"), "nesting too deep");
    }

    @Test
    void refusesStringTooLong() throws Exception {
        int max = SMALL.maxStringBytes();

        assertThat(parser.parse(message("a".repeat(max)))
                        .dataMessage()
                        .orElseThrow()
                        .message())
                .contains("a".repeat(max));
        assertRefused(message("a".repeat(max + 1)), "string too long");
    }

    @Test
    void refusesStringTooLongInUtf8BytesThoughShortInChars() throws Exception {
        int max = SMALL.maxStringBytes();
        String twoByteAtLimit = "\u00e9".repeat(max / 2);
        String fourByteAtLimit = "\ud83d\udc18".repeat(max / 4);

        assertThat(parser.parse(message(twoByteAtLimit))
                        .dataMessage()
                        .orElseThrow()
                        .message())
                .contains(twoByteAtLimit);
        assertThat(parser.parse(message(fourByteAtLimit))
                        .dataMessage()
                        .orElseThrow()
                        .message())
                .contains(fourByteAtLimit);
        assertRefused(message(twoByteAtLimit + "\u00e9"), "string too long");
        assertRefused(message(fourByteAtLimit + "a"), "string too long");
    }

    @Test
    void refusesStringTooLongEvenWhereItIsSkipped() {
        String tooLong = "a".repeat(SMALL.maxStringBytes() + 1);

        assertRefused(json("{'envelope':{'futureField':{'x':['" + tooLong + "']}}}"), "string too long");
        assertRefused(json("{'envelope':{'dataMessage':{'quote':{'text':'" + tooLong + "'}}}}"), "string too long");
        assertRefused(json("{'envelope':{},'exception':{'message':'" + tooLong + "'}}"), "string too long");
        assertRefused(json("{'envelope':{'" + tooLong + "':1}}"), "field name too long");
    }

    @Test
    void refusesArrayTooLong() throws Exception {
        int max = SMALL.maxArrayItems();

        assertThat(parser.parse(attachments(max)).dataMessage().orElseThrow().attachments())
                .hasSize(max);
        assertRefused(attachments(max + 1), "array too long");
    }

    @Test
    void refusesArrayTooLongEvenWhereItIsSkipped() throws Exception {
        int max = SMALL.maxArrayItems();
        String full = "[" + "0,".repeat(max - 1) + "0]";
        String overfull = "[" + "0,".repeat(max) + "0]";

        assertThat(parser.parse(json("{'envelope':{'x':[" + (full + ",").repeat(max - 1) + full + "]}}")))
                .isNotNull();
        assertRefused(json("{'envelope':{'x':{'y':" + overfull + "}}}"), "array too long");
        assertRefused(json("{'envelope':{'x':[" + full + "," + overfull + "]}}"), "array too long");
        assertRefused(json("{'envelope':{'dataMessage':{'mentions':" + overfull + "}}}"), "array too long");
        assertRefused(json("{'envelope':{'receiptMessage':{'timestamps':" + overfull + "}}}"), "array too long");
    }

    @Test
    void refusesNumberTooLong() throws Exception {
        String longest = "9".repeat(BoundedJsonReader.MAX_NUMBER_CHARS);

        assertThat(parser.parse(json("{'envelope':{'timestamp':" + longest + "}}"))
                        .timestamp())
                .isEmpty();
        assertRefused(json("{'envelope':{'timestamp':" + longest + "9}}"), "number too long");
        assertRefused(json("{'envelope':{'x':[" + longest + "9]}}"), "number too long");
    }

    @Test
    void jacksonStopsAtTheSameBoundsBeforeBufferingMore() {
        StreamReadConstraints jackson = BoundedJsonReader.factory(SMALL).streamReadConstraints();

        assertThat(jackson.getMaxNestingDepth()).isEqualTo(SMALL.maxDepth());
        assertThat(jackson.getMaxStringLength()).isEqualTo(SMALL.maxStringBytes());
        assertThat(jackson.getMaxNameLength()).isEqualTo(SMALL.maxStringBytes());
        assertThat(jackson.getMaxNumberLength()).isEqualTo(BoundedJsonReader.MAX_NUMBER_CHARS);
    }

    private static byte[] message(String text) {
        return ("{\"envelope\":{\"dataMessage\":{\"message\":\"" + text + "\"}}}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] attachments(int count) {
        String one = "{'id':'a.jpg','contentType':'image/jpeg'},";
        String list = one.repeat(count);
        return json("{'envelope':{'dataMessage':{'attachments':[" + list.substring(0, list.length() - 1) + "]}}}");
    }

    private static String padded(String json, int length) {
        return json + " ".repeat(length - json.length());
    }

    private void assertRefused(byte[] input, String reason) {
        assertThatThrownBy(() -> parser.parse(input))
                .isInstanceOf(SignalCliException.Protocol.class)
                .hasMessage(reason)
                .hasNoCause();
    }
}
