// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * One socket to signal-cli: bounded line reads by one thread, whole-line writes by any thread.
 * Reads and writes go straight to the channel (no {@code Channels.newInputStream}, whose streams
 * share a lock between a blocked read and a write).
 */
final class Connection implements AutoCloseable {
    private final SocketChannel channel;
    private final LineReader lines;

    private Connection(SocketChannel channel, int maxLineBytes) {
        this.channel = channel;
        this.lines = new LineReader(channel, maxLineBytes);
    }

    static Connection open(Endpoint endpoint, SignalLimits limits, Duration connectTimeout)
            throws SignalCliException.Unreachable {
        SocketChannel channel = null;
        try {
            channel = connect(endpoint, connectTimeout);
            return new Connection(channel, limits.maxLineBytes());
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new SignalCliException.Unreachable("cannot connect to signal-cli (" + kind(endpoint) + ")", e);
        }
    }

    private static SocketChannel connect(Endpoint endpoint, Duration timeout) throws IOException {
        if (endpoint instanceof Endpoint.Unix unix) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(unix.socket()));
                return channel;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
        Endpoint.Tcp tcp = (Endpoint.Tcp) endpoint;
        SocketChannel channel = SocketChannel.open();
        try {
            int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
            channel.socket().connect(new InetSocketAddress(tcp.host(), tcp.port()), millis);
            channel.socket().setTcpNoDelay(true);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static String kind(Endpoint endpoint) {
        return endpoint instanceof Endpoint.Unix ? "unix socket" : "tcp";
    }

    /** The next line, or {@code null} at end of stream. */
    byte[] readLine() throws IOException, SignalCliException.Protocol {
        return lines.readLine();
    }

    /** Writes one line; {@code line} must already end with LF. */
    synchronized void write(byte[] line) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
