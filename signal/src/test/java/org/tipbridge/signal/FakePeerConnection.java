// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** One client socket accepted by {@link FakeSignalCli}: whole-line writes (failures counted), a subscription flag. */
final class FakePeerConnection {
    private final SocketChannel channel;
    private final AtomicLong failedWrites;
    private volatile long subscription = -1;
    private volatile boolean dead;

    FakePeerConnection(SocketChannel channel, AtomicLong failedWrites) {
        this.channel = channel;
        this.failedWrites = failedWrites;
    }

    SocketChannel channel() {
        return channel;
    }

    boolean isSubscribed() {
        return subscription >= 0 && !dead;
    }

    void subscribe(long id) {
        subscription = id;
    }

    void unsubscribe() {
        subscription = -1;
    }

    /** Writes a whole line and flushes it to the socket; false (and dead from then on) if that failed. */
    synchronized boolean write(byte[] line) {
        if (dead) {
            return false;
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            return true;
        } catch (IOException e) {
            dead = true;
            failedWrites.incrementAndGet();
            return false;
        }
    }

    boolean write(String line) {
        return write((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** One raw line plus its newline, verbatim. */
    boolean writeLine(byte[] line) {
        return write(concat("", line, "\n"));
    }

    /** A receive notification in manual mode, with the envelope bytes copied verbatim. */
    boolean notify(byte[] resultJson) {
        long active = subscription;
        if (active < 0) {
            return false;
        }
        return write(notification(resultJson));
    }

    private byte[] notification(byte[] resultJson) {
        return concat(
                "{\"jsonrpc\":\"2.0\",\"method\":\"receive\",\"params\":{\"subscription\":" + subscription
                        + ",\"result\":",
                resultJson,
                "}}\n");
    }

    /** Writes the first half of a notification line and counts it as a failed write. */
    void notifyHalf(byte[] resultJson) {
        byte[] line = notification(resultJson);
        write(Arrays.copyOf(line, line.length / 2));
        failedWrites.incrementAndGet();
    }

    static byte[] concat(String head, byte[] middle, String tail) {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + middle.length + t.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(middle, 0, all, h.length, middle.length);
        System.arraycopy(t, 0, all, h.length + middle.length, t.length);
        return all;
    }

    /** Closes the socket without waiting for a write in progress (that write then fails). */
    void drop() {
        dead = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
