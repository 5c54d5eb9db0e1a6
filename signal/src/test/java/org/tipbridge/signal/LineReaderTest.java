// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static final int LIMIT = 1024;

    @Test
    void readsLfAndCrlfTerminatedLines() throws Exception {
        LineReader reader = reader("one\ntwo\r\n\nthree\n");
        assertThat(text(reader.readLine())).isEqualTo("one");
        assertThat(text(reader.readLine())).isEqualTo("two");
        assertThat(text(reader.readLine())).isEmpty();
        assertThat(text(reader.readLine())).isEqualTo("three");
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void linesSplitAcrossReadsAreJoined() throws Exception {
        LineReader reader = new LineReader(new OneByteChannel("{\"a\":1}\r\n{\"b\":2}\n"), LIMIT);
        assertThat(text(reader.readLine())).isEqualTo("{\"a\":1}");
        assertThat(text(reader.readLine())).isEqualTo("{\"b\":2}");
        assertThat(reader.readLine()).isNull();
    }

    @Test
    void lineAtTheLimitIsAccepted() throws Exception {
        String atLimit = "x".repeat(LIMIT);
        assertThat(text(reader(atLimit + "\n").readLine())).isEqualTo(atLimit);
    }

    @Test
    void lineOverLimitIsRefusedWithoutBuffering() {
        EndlessChannel endless = new EndlessChannel();
        LineReader reader = new LineReader(endless, LIMIT);
        assertThatThrownBy(reader::readLine)
                .isInstanceOf(SignalCliException.Protocol.class)
                .hasMessageContaining("longer than " + LIMIT);
        assertThat(endless.handedOut).isLessThanOrEqualTo(LIMIT + 8192L);
        assertThat(reader.lineCapacity()).isLessThanOrEqualTo(LIMIT);
    }

    @Test
    void refusedLineIsSkippedAndTheNextLineIsRead() throws Exception {
        LineReader reader = reader("y".repeat(5 * LIMIT) + "\r\nnext\n" + "z".repeat(LIMIT + 1) + "\nlast\n");
        assertThatThrownBy(reader::readLine).isInstanceOf(SignalCliException.Protocol.class);
        assertThat(text(reader.readLine())).isEqualTo("next");
        assertThatThrownBy(reader::readLine).isInstanceOf(SignalCliException.Protocol.class);
        assertThat(text(reader.readLine())).isEqualTo("last");
    }

    @Test
    void partialLastLineIsDroppedNotDelivered() throws Exception {
        LineReader reader = reader("whole\n{\"envelope\":{\"timest");
        assertThat(text(reader.readLine())).isEqualTo("whole");
        assertThat(reader.readLine()).isNull();
    }

    private static LineReader reader(String input) {
        return new LineReader(
                Channels.newChannel(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))), LIMIT);
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }

    /** Hands out 'a' bytes forever, counting them. */
    private static final class EndlessChannel implements ReadableByteChannel {
        long handedOut;

        @Override
        public int read(ByteBuffer target) {
            int n = target.remaining();
            while (target.hasRemaining()) {
                target.put((byte) 'a');
            }
            handedOut += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    /** Hands out one byte per read. */
    private static final class OneByteChannel implements ReadableByteChannel {
        private final byte[] bytes;
        private int next;

        OneByteChannel(String text) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public int read(ByteBuffer target) {
            if (next == bytes.length) {
                return -1;
            }
            target.put(bytes[next++]);
            return 1;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }
}
