// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * A loopback relay in front of an IMAP server that notes the verb of every command the client
 * sends, together with whether a test-chosen condition held when the command passed.
 */
final class ImapCommandTap implements AutoCloseable {
    /** One client command: its verb (upper case) and whether the condition held as it passed. */
    record Command(String verb, boolean duringCondition) {}

    private static final java.util.regex.Pattern ANNOUNCEMENT =
            java.util.regex.Pattern.compile("\\* \\d+ (EXISTS|RECENT)\r?\n");

    private final ServerSocket server;
    private final int upstreamPort;
    private final BooleanSupplier condition;
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong toClient = new AtomicLong();
    private volatile String refused;
    private volatile boolean muted;
    private final AtomicReference<Runnable> before = new AtomicReference<>();
    private volatile String beforeWord = "";

    ImapCommandTap(int upstreamPort, BooleanSupplier condition) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.condition = condition;
        spawn(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /**
     * Garbles every later command with this verb (upper case; null: none) on its way to the server,
     * which then answers BAD: a command the server keeps refusing.
     */
    void refuse(String verb) {
        refused = verb;
    }

    /**
     * Runs {@code action} once, on the relay's thread, just before the first client command line
     * holding {@code word} (upper case) is passed to the server: something that happens "during"
     * that command as far as the server can tell.
     */
    void beforeFirst(String word, Runnable action) {
        beforeWord = word;
        before.set(action);
    }

    /**
     * While {@code on}, the server's untagged {@code EXISTS} and {@code RECENT} lines reach the
     * client only in answer to SELECT or EXAMINE: a server that fails to announce new mail.
     */
    void muteAnnouncements(boolean on) {
        muted = on;
    }

    /** How many bytes the server has sent to the client so far. */
    long bytesToClient() {
        return toClient.get();
    }

    List<Command> commands() {
        return List.copyOf(commands);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(client);
                sockets.add(upstream);
                // The verb of this connection's latest command.
                AtomicReference<String> lastVerb = new AtomicReference<>("");
                spawn(() -> relay(client.getInputStream(), upstream.getOutputStream(), true, lastVerb));
                spawn(() -> relay(upstream.getInputStream(), client.getOutputStream(), false, lastVerb));
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void relay(InputStream in, OutputStream out, boolean fromClient, AtomicReference<String> lastVerb) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (in;
                out) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (fromClient) {
                    garble(buffer, n);
                    note(line, buffer, n, lastVerb);
                    out.write(buffer, 0, n);
                } else {
                    toClient.addAndGet(n);
                    passAnnounced(line, buffer, n, out, lastVerb.get());
                }
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        }
    }

    /** Passes the server's lines on whole, leaving out announcements while muted. */
    private void passAnnounced(ByteArrayOutputStream line, byte[] buffer, int n, OutputStream out, String verb)
            throws IOException {
        for (int i = 0; i < n; i++) {
            line.write(buffer[i]);
            if (buffer[i] != '\n') {
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            boolean selecting = verb.equals("SELECT") || verb.equals("EXAMINE");
            if (!(muted && !selecting && ANNOUNCEMENT.matcher(text).matches())) {
                line.writeTo(out);
            }
            line.reset();
        }
    }

    private void garble(byte[] buffer, int n) {
        String verb = refused;
        if (verb == null) {
            return;
        }
        String text = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        for (int at = text.indexOf(" " + verb + " "); at >= 0; at = text.indexOf(" " + verb + " ", at + 1)) {
            buffer[at + 1] = 'X';
        }
    }

    private void note(ByteArrayOutputStream line, byte[] buffer, int n, AtomicReference<String> lastVerb) {
        for (int i = 0; i < n; i++) {
            if (buffer[i] != '\n') {
                line.write(buffer[i]);
                continue;
            }
            String text = line.toString(StandardCharsets.US_ASCII);
            String[] words = text.trim().split(" ");
            line.reset();
            Runnable action = before.get();
            if (action != null
                    && text.toUpperCase(Locale.ROOT).contains(" " + beforeWord + " ")
                    && before.compareAndSet(action, null)) {
                action.run();
            }
            if (words.length >= 2) {
                lastVerb.set(words[1].toUpperCase(Locale.ROOT));
                commands.add(new Command(words[1].toUpperCase(Locale.ROOT), condition.getAsBoolean()));
            }
        }
    }

    private static void spawn(ThrowingRunnable body) {
        Thread thread = new Thread(
                () -> {
                    try {
                        body.run();
                    } catch (IOException e) {
                        // the relay ends with its sockets
                    }
                },
                "imap-command-tap");
        thread.setDaemon(true);
        thread.start();
    }

    /** A thread body that may fail with I/O. */
    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws IOException;
    }
}
