// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The receiver's handling of raw bytes from signal-cli, for fuzzing: the bytes are read as lines
 * (the receiver's {@link LineReader}), each line is classified as the receiver does
 * ({@link InboundLine}), an envelope is parsed ({@link EnvelopeParser}), an answer is matched to
 * the receiver's requests. {@link #check} throws {@link AssertionError} when a promise breaks: only
 * {@link SignalCliException.Protocol} may come out of any stage, and neither a refusal's message
 * nor an envelope's {@code toString()} may quote the input. Limits are small so that fuzzed inputs
 * of a few KiB reach every bound.
 */
public final class SignalLineCheck {
    /** Line, depth, string and array bounds low enough for a fuzzer to pass them. */
    public static final SignalLimits LIMITS = new SignalLimits(16 * 1024, 16, 4 * 1024, 64);

    private static final int QUOTE_WINDOW = 12;
    private final JsonRpcCodec codec = new JsonRpcCodec(LIMITS, Optional.empty());
    private final EnvelopeParser parser = new EnvelopeParser(LIMITS);
    private final ReceiverRequests requests = new ReceiverRequests(Duration.ofSeconds(30));

    public SignalLineCheck() {
        requests.subscribe();
        requests.version();
    }

    /** What the lines in one input came to, for tests that want to see it. */
    public record Tally(int envelopes, int refused, int unreadable, int answers) {}

    /** Reads every line of {@code stream} as the receiver would; throws AssertionError on a broken promise. */
    public Tally check(byte[] stream) {
        LineReader lines = new LineReader(Channels.newChannel(new ByteArrayInputStream(stream)), LIMITS.maxLineBytes());
        int[] counts = new int[4];
        while (true) {
            byte[] line;
            try {
                line = lines.readLine();
            } catch (SignalCliException.Protocol e) {
                counts[1]++;
                assertSilent(e, stream);
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("an in-memory channel failed", e);
            }
            if (line == null) {
                return new Tally(counts[0], counts[1], counts[2], counts[3]);
            }
            if (line.length > 0) {
                counts[handle(line)]++;
            }
        }
    }

    /** One line; returns the index of the count it adds to. */
    private int handle(byte[] line) {
        InboundLine inbound = InboundLine.read(codec, line);
        if (inbound instanceof InboundLine.Unreadable unreadable) {
            assertSilent(unreadable.reason(), line);
            return 2;
        }
        if (inbound instanceof InboundLine.Message message) {
            requests.answered(message.message().path("id"));
            return 3;
        }
        byte[] result = ((InboundLine.Envelope) inbound).resultJson();
        try {
            SignalEnvelope envelope = parser.parse(result);
            assertRedacted(envelope);
            return 0;
        } catch (SignalCliException.Protocol e) {
            assertSilent(e, result);
            return 2;
        }
    }

    private static void assertRedacted(SignalEnvelope envelope) {
        String shown = envelope.toString()
                + envelope.dataMessage().map(Object::toString).orElse("");
        for (Optional<String> id : List.of(envelope.sourceUuid(), envelope.sourceNumber(), envelope.sourceName())) {
            if (id.isPresent() && shown.contains(id.get())) {
                throw new AssertionError("an envelope's toString() shows a sender identifier");
            }
        }
    }

    /**
     * A refusal names the broken rule and never quotes its input: no run of {@value #QUOTE_WINDOW}
     * characters of the message may appear in the input, unless the run is plain lower-case words
     * (the vocabulary of refusals). The search is written out by hand: Jazzer learns the operands of
     * {@code String.contains} and similar calls and would soon write refusal texts into its inputs.
     */
    static void assertSilent(SignalCliException e, byte[] input) {
        String message = String.valueOf(e.getMessage());
        for (int i = 0; i + QUOTE_WINDOW <= message.length(); i++) {
            if (!plainWords(message, i) && occursIn(message, i, input)) {
                throw new AssertionError(
                        "a refusal quotes its input: " + e.getClass().getSimpleName());
            }
        }
    }

    private static boolean plainWords(String message, int from) {
        for (int i = from; i < from + QUOTE_WINDOW; i++) {
            char c = message.charAt(i);
            if (c != ' ' && (c < 'a' || c > 'z')) {
                return false;
            }
        }
        return true;
    }

    /** Whether the run of the message at {@code from} occurs in the input, read as Latin-1 (ASCII runs match UTF-8 too). */
    private static boolean occursIn(String message, int from, byte[] input) {
        for (int start = 0; start + QUOTE_WINDOW <= input.length; start++) {
            int k = 0;
            while (k < QUOTE_WINDOW && (input[start + k] & 0xff) == message.charAt(from + k)) {
                k++;
            }
            if (k == QUOTE_WINDOW) {
                return true;
            }
        }
        return false;
    }
}
