// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A SOCKS5 proxy on 127.0.0.1 (no authentication, CONNECT only) that relays to the requested
 * destination and records each request as {@code host:port}, the host as the client sent it (a
 * name when the client left resolving to the proxy, as Tor needs, else the address).
 */
public final class Socks5Relay implements AutoCloseable {
    private final ServerSocket listener;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private Socks5Relay(ServerSocket listener) {
        this.listener = listener;
    }

    public static Socks5Relay start() throws IOException {
        Socks5Relay relay = new Socks5Relay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        daemon(relay::acceptLoop, "socks5-accept");
        return relay;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The CONNECT destinations asked for, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                open.add(client);
                daemon(() -> serve(client), "socks5-session");
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (in.readUnsignedByte() != 5) {
                return;
            }
            in.readFully(new byte[in.readUnsignedByte()]); // offered methods
            out.write(new byte[] {5, 0}); // no authentication
            int version = in.readUnsignedByte();
            int command = in.readUnsignedByte();
            in.readUnsignedByte(); // reserved
            String host = destination(in);
            int port = in.readUnsignedShort();
            requests.add(host + ":" + port);
            if (version != 5 || command != 1) {
                out.write(new byte[] {5, 7, 0, 1, 0, 0, 0, 0, 0, 0});
                return;
            }
            relay(client, out, host, port);
        } catch (IOException e) {
            // client or destination went away
        } finally {
            open.remove(client);
        }
    }

    private void relay(Socket client, OutputStream out, String host, int port) throws IOException {
        Socket upstream;
        try {
            upstream = new Socket(host, port);
        } catch (IOException e) {
            out.write(new byte[] {5, 5, 0, 1, 0, 0, 0, 0, 0, 0}); // connection refused
            return;
        }
        try (upstream) {
            open.add(upstream);
            out.write(new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
            out.flush();
            Thread back = daemon(() -> pump(upstream, client), "socks5-back");
            pump(client, upstream);
            back.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(upstream);
        }
    }

    private static String destination(DataInputStream in) throws IOException {
        int type = in.readUnsignedByte();
        byte[] address;
        switch (type) {
            case 1 -> address = new byte[4];
            case 4 -> address = new byte[16];
            case 3 -> {
                byte[] name = new byte[in.readUnsignedByte()];
                in.readFully(name);
                return new String(name, StandardCharsets.US_ASCII);
            }
            default -> throw new IOException("unknown address type");
        }
        in.readFully(address);
        return InetAddress.getByAddress(address).getHostAddress();
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
