// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The fixtures are all known to the tests, and a burst is what the receiver's tests expect. */
class SignalFixturesTest {
    /** Every fixture in {@code src/test/resources/signal-cli-0.14/}. */
    static final List<String> FIXTURES = List.of(
            "absent-arrays.json",
            "attachment-photo-exif.json",
            "call.json",
            "edit.json",
            "exception-envelope.json",
            "expiring.json",
            "group-message.json",
            "mentions-previews.json",
            "nulls.json",
            "number-hidden.json",
            "quote.json",
            "reaction.json",
            "receipt.json",
            "remote-delete.json",
            "shared-contact.json",
            "sticker.json",
            "story.json",
            "sync-sent.json",
            "text-unknown-fields.json",
            "text.json",
            "typing.json",
            "view-once.json",
            "wrong-types.json");

    @Test
    void everyFixtureFileIsListedAndParses() throws Exception {
        Path directory = Path.of(Objects.requireNonNull(SignalFixtures.class.getResource("/signal-cli-0.14/"))
                .toURI());
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")))
                    .containsExactlyInAnyOrderElementsOf(FIXTURES);
        }
        EnvelopeParser parser = new EnvelopeParser(SignalLimits.DEFAULT);
        for (String fixture : FIXTURES) {
            assertThat(parser.parse(SignalFixtures.load(fixture))).as(fixture).isNotNull();
        }
    }

    @Test
    void burstOfThousandIsThousandDirectDataMessages() throws Exception {
        EnvelopeParser parser = new EnvelopeParser(SignalLimits.DEFAULT);
        Set<String> senders = new HashSet<>();
        int direct = 0;
        int withAttachment = 0;
        int withoutNumber = 0;
        for (byte[] json : SignalFixtures.burst(1000, 42)) {
            SignalEnvelope envelope = parser.parse(json);
            direct += envelope.isDirectDataMessage() ? 1 : 0;
            withAttachment += envelope.dataMessage().orElseThrow().attachments().size();
            withoutNumber += envelope.sourceNumber().isEmpty() ? 1 : 0;
            senders.add(envelope.sourceUuid().orElseThrow());
        }

        assertThat(direct).isEqualTo(1000);
        assertThat(senders).hasSizeGreaterThan(3);
        assertThat(withAttachment).isBetween(100, 500);
        assertThat(withoutNumber).isPositive();
    }

    @Test
    void burstIsDistinctAndTheSameForTheSameSeed() throws URISyntaxException {
        List<byte[]> first = SignalFixtures.burst(500, 7);
        List<byte[]> again = SignalFixtures.burst(500, 7);
        List<byte[]> other = SignalFixtures.burst(500, 8);

        assertThat(first).hasSize(500);
        assertThat(distinct(first)).hasSize(500);
        assertThat(distinct(first)).isEqualTo(distinct(again));
        assertThat(distinct(first)).doesNotContainAnyElementsOf(distinct(other));
        assertThat(first).allSatisfy(json -> assertThat(json).doesNotContain('\n'));
    }

    private static Set<ByteBuffer> distinct(List<byte[]> burst) {
        return burst.stream().map(ByteBuffer::wrap).collect(Collectors.toSet());
    }
}
