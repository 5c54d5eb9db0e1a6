// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.testing;

import java.io.BufferedInputStream;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP peer on 127.0.0.1 whose answers a test chooses: it accepts everything by default, can
 * refuse the sender, the recipients or the message with a given code, or stay silent after
 * accepting the connection, and can offer DSN. It records what the client said (EHLO names, MAIL FROM and RCPT TO
 * arguments, every command line, each message as received after dot-unstuffing) and counts
 * connections. Refusal texts quote the address, as real servers do. One thread per connection.
 */
public final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket listener;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> ehloNames = new CopyOnWriteArrayList<>();
    private final List<String> senders = new CopyOnWriteArrayList<>();
    private final List<String> recipients = new CopyOnWriteArrayList<>();
    private final List<byte[]> messages = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile int senderReply = 250;
    private volatile int recipientReply = 250;
    private volatile int dataReply = 250;
    private volatile boolean silent;
    private volatile boolean dsn;
    private volatile java.util.concurrent.CountDownLatch dataGate = new java.util.concurrent.CountDownLatch(0);

    private ScriptedSmtpServer(ServerSocket listener) {
        this.listener = listener;
    }

    /** Listens on a free port of 127.0.0.1, accepting every mail. */
    public static ScriptedSmtpServer start() throws IOException {
        ScriptedSmtpServer server = new ScriptedSmtpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(server::acceptLoop, "scripted-smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    /** Answers MAIL FROM with {@code code} (e.g. 451, 550). */
    public ScriptedSmtpServer rejectSenderWith(int code) {
        senderReply = code;
        return this;
    }

    /** Answers every RCPT TO with {@code code} (e.g. 451, 550). */
    public ScriptedSmtpServer rejectRecipientsWith(int code) {
        recipientReply = code;
        return this;
    }

    /** Answers the end of DATA with {@code code} (e.g. 451, 554); the message is still recorded. */
    public ScriptedSmtpServer rejectDataWith(int code) {
        dataReply = code;
        return this;
    }

    /** Offers the DSN extension (RFC 3461) in its EHLO answer, so clients may add NOTIFY to RCPT TO. */
    public ScriptedSmtpServer offerDsn() {
        dsn = true;
        return this;
    }

    /** Accepts connections and then never says anything (a hung server). */
    public ScriptedSmtpServer silent() {
        silent = true;
        return this;
    }

    /**
     * Reads each message but holds the answer to it until {@link #release()} (a server that has the
     * message and has not yet said so: the moment a client crash makes delivery uncertain).
     */
    public ScriptedSmtpServer holdDataReplies() {
        dataGate = new java.util.concurrent.CountDownLatch(1);
        return this;
    }

    /** Answers held messages, and later ones at once. */
    public void release() {
        dataGate.countDown();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    /** Every command line received, in order, across connections (message content excluded). */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    public List<String> ehloNames() {
        return List.copyOf(ehloNames);
    }

    /** MAIL FROM arguments as sent, e.g. {@code <tips@example.org>}. */
    public List<String> senders() {
        return List.copyOf(senders);
    }

    /** RCPT TO arguments as sent, e.g. {@code <source@example.net>}. */
    public List<String> recipients() {
        return List.copyOf(recipients);
    }

    /** Each DATA payload as received (line ends untouched, dot-unstuffed), whatever the answer to it was. */
    public List<byte[]> messages() {
        return List.copyOf(messages);
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
                Socket socket = listener.accept();
                connections.incrementAndGet();
                open.add(socket);
                Thread session = new Thread(() -> converse(socket), "scripted-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            if (silent) {
                in.transferTo(OutputStream.nullOutputStream());
                return;
            }
            OutputStream out = socket.getOutputStream();
            reply(out, "220 scripted.test ESMTP");
            String line;
            while ((line = readLine(in)) != null) {
                commands.add(line);
                if (!answer(line, in, out)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(socket);
        }
    }

    /** Answers one command; false when the session is over. */
    private boolean answer(String line, InputStream in, OutputStream out) throws IOException {
        String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        String argument = line.length() > verb.length() ? line.substring(verb.length() + 1) : "";
        switch (verb) {
            case "EHLO" -> {
                ehloNames.add(argument);
                reply(out, "250-scripted.test\r\n250-8BITMIME\r\n" + (dsn ? "250-DSN\r\n" : "") + "250 SIZE 10485760");
            }
            case "HELO" -> {
                ehloNames.add(argument);
                reply(out, "250 scripted.test");
            }
            case "MAIL" -> {
                senders.add(afterColon(argument));
                reply(out, senderReply + " " + (senderReply == 250 ? "OK" : "sender refused: " + argument));
            }
            case "RCPT" -> {
                recipients.add(afterColon(argument));
                reply(out, recipientReply + " " + (recipientReply == 250 ? "OK" : "no such user: " + argument));
            }
            case "DATA" -> {
                reply(out, "354 go ahead");
                messages.add(readData(in));
                awaitGate();
                reply(out, dataReply + " " + (dataReply == 250 ? "queued" : "message refused"));
            }
            case "RSET", "NOOP" -> reply(out, "250 OK");
            case "QUIT" -> {
                reply(out, "221 bye");
                return false;
            }
            default -> reply(out, "502 not implemented");
        }
        return true;
    }

    private void awaitGate() throws IOException {
        try {
            dataGate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while holding a reply");
        }
    }

    private static String afterColon(String argument) {
        int colon = argument.indexOf(':');
        return (colon < 0 ? argument : argument.substring(colon + 1)).strip();
    }

    /** The payload up to the lone dot, dot-unstuffed, line ends exactly as sent. */
    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        byte[] line;
        while ((line = readRawLine(in)) != null && !text(line).equals(".")) {
            int skip = line.length > 0 && line[0] == '.' ? 1 : 0;
            payload.write(line, skip, line.length - skip);
        }
        return payload.toByteArray();
    }

    /** One line without its line end, or null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        byte[] line = readRawLine(in);
        return line == null ? null : text(line);
    }

    /** One line including its LF or CRLF, or null at end of stream. */
    private static byte[] readRawLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    private static String text(byte[] line) {
        String s = new String(line, StandardCharsets.ISO_8859_1);
        return s.endsWith("\r\n")
                ? s.substring(0, s.length() - 2)
                : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
