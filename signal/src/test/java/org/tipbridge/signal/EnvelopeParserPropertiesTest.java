// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever arrives, the parser answers promptly with an envelope or a Protocol refusal, nothing else. */
class EnvelopeParserPropertiesTest {
    private static final List<EnvelopeParser> PARSERS =
            List.of(new EnvelopeParser(SignalLimits.DEFAULT), new EnvelopeParser(new SignalLimits(2048, 6, 1024, 8)));
    private static final List<String> INSERTS = List.of(
            "{",
            "}",
            "[",
            "]",
            "\"",
            ",",
            ":",
            "\\",
            "null",
            "true",
            "-",
            "0",
            "1e999999",
            "-0.0e-7",
            "99999999999999999999",
            "9".repeat(40),
            "\\u0000",
            "\\ud800",
            "\"x\":",
            "\"envelope\":",
            "\"dataMessage\":{}",
            "\"attachments\":[{\"id\":\"a\"}]",
            "\"groupInfo\":{}",
            "[".repeat(600),
            "a".repeat(1500),
            "\u00e9\ud83d\udc18",
            "\u0000");
    private static final List<String> VALUES = List.of(
            "null",
            "0",
            "-1",
            "1.5",
            "1e999",
            "true",
            "\"\"",
            "\" \"",
            "\"text\"",
            "{}",
            "[]",
            "[null]",
            "[[]]",
            "{\"id\":\"a.jpg\"}",
            "[{\"id\":\"a.jpg\"}]",
            "{\"groupId\":\"g\"}",
            "{\"type\":\"X\"}",
            "99999999999999999999",
            "\"+4915112345678\"",
            "\"566FF4E9-F061-49AD-BC27-B1DEA43B8BBB\"");

    @Property(tries = 500)
    void randomBytesAreParsedOrRefused(@ForAll @Size(max = 3000) byte[] input) {
        assertParsedOrRefused(input);
    }

    @Property(tries = 500)
    void jsonLikeNoiseIsParsedOrRefused(@ForAll("jsonNoise") String input) {
        assertParsedOrRefused(input.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 1000)
    void mutatedFixturesAreParsedOrRefused(@ForAll("mutatedFixtures") byte[] input) {
        assertParsedOrRefused(input);
    }

    @Provide
    Arbitrary<String> jsonNoise() {
        return Arbitraries.strings()
                .withChars("{}[]\":,0123456789.-+eE \\unlltrfase")
                .ofMaxLength(400);
    }

    @Provide
    Arbitrary<byte[]> mutatedFixtures() {
        Arbitrary<byte[]> fixture = Arbitraries.of(SignalFixturesTest.FIXTURES).map(SignalFixtures::load);
        Arbitrary<Mutation> mutation = Combinators.combine(
                        Arbitraries.integers().between(0, 14),
                        Arbitraries.integers().greaterOrEqual(0),
                        Arbitraries.integers().between(1, 64),
                        Arbitraries.of(INSERTS),
                        Arbitraries.of(VALUES),
                        Arbitraries.integers().between(0x20, 0x7e).map(Integer::byteValue))
                .as(Mutation::new);
        return Combinators.combine(fixture, mutation.list().ofMinSize(1).ofMaxSize(6))
                .as((bytes, mutations) -> {
                    byte[] mutated = bytes;
                    for (Mutation m : mutations) {
                        mutated = m.applyTo(mutated);
                    }
                    return mutated;
                });
    }

    private static void assertParsedOrRefused(byte[] input) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (EnvelopeParser parser : PARSERS) {
                try {
                    assertThat(parser.parse(input).toString()).contains("redacted");
                } catch (SignalCliException.Protocol refused) {
                    assertThat(refused.getMessage()).isIn(EnvelopeParserRedactionTest.REFUSALS);
                    assertThat(refused).hasNoCause();
                }
            }
        });
    }

    /**
     * One edit of a fixture: replace a byte, insert a token, delete a span, repeat a span, cut the rest,
     * or (most often, keeping the JSON valid) replace the value of a one-line field.
     */
    private record Mutation(int kind, int position, int length, String token, String newValue, byte value) {
        byte[] applyTo(byte[] input) {
            return kind >= 5 ? replaceValue(input) : edit(input);
        }

        private byte[] replaceValue(byte[] input) {
            String text = new String(input, StandardCharsets.ISO_8859_1);
            int at = text.isEmpty() ? 0 : position % text.length();
            int start = text.lastIndexOf('\n', at - 1) + 1;
            int end = text.indexOf('\n', at) < 0 ? text.length() : text.indexOf('\n', at);
            String line = text.substring(start, end);
            int colon = line.indexOf("\": ");
            String value = colon < 0 ? "" : line.substring(colon + 3).replaceAll(",$", "");
            if (value.isEmpty() || value.endsWith("{") || value.endsWith("[")) {
                return input;
            }
            String replaced = line.substring(0, colon + 3) + newValue + (line.endsWith(",") ? "," : "");
            return (text.substring(0, start) + replaced + text.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
        }

        private byte[] edit(byte[] input) {
            int at = input.length == 0 ? 0 : position % input.length;
            int end = Math.min(input.length, at + length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(input.length + token.length() * 4);
            out.write(input, 0, at);
            switch (kind) {
                case 0 -> {
                    out.write(value);
                    out.write(input, Math.min(input.length, at + 1), input.length - Math.min(input.length, at + 1));
                }
                case 1 -> {
                    out.writeBytes(token.getBytes(StandardCharsets.UTF_8));
                    out.write(input, at, input.length - at);
                }
                case 2 -> out.write(input, end, input.length - end);
                case 3 -> {
                    out.write(input, at, end - at);
                    out.write(input, at, input.length - at);
                }
                default -> {
                    // cut: keep only what came before
                }
            }
            return out.toByteArray();
        }
    }
}
