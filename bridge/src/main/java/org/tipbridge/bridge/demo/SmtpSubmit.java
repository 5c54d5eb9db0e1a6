// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.demo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal SMTP client that submits raw message bytes unchanged (dot-stuffed): for the demo, tests and benchmarks. */
public final class SmtpSubmit {
    private SmtpSubmit() {}

    public static void send(String host, int port, String from, String to, byte[] raw) throws IOException {
        send(host, port, from, to, new ByteArrayInputStream(raw));
    }

    /** Streams {@code raw} (of any size) as the message: never the whole message in memory. */
    public static void send(String host, int port, String from, String to, InputStream raw) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(60_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            expect(in, "220");
            command(out, in, "EHLO test.invalid", "250");
            command(out, in, "MAIL FROM:<" + from + ">", "250");
            command(out, in, "RCPT TO:<" + to + ">", "250");
            command(out, in, "DATA", "354");
            copyDotStuffed(new BufferedInputStream(raw, 64 * 1024), out);
            command(out, in, ".", "250");
            command(out, in, "QUIT", "221");
        }
    }

    /**
     * Bare LF becomes CRLF (a bare CR stays); a line starting with a dot gets a second one; the data
     * ends with CRLF.
     */
    static void copyDotStuffed(InputStream in, OutputStream out) throws IOException {
        boolean lineStart = true;
        int previous = -1;
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                if (previous != '\r') {
                    out.write('\r');
                }
                out.write('\n');
                lineStart = true;
            } else {
                if (lineStart && b == '.') {
                    out.write('.');
                }
                out.write(b);
                lineStart = false;
            }
            previous = b;
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
    }

    private static void command(OutputStream out, BufferedReader in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code);
    }

    private static void expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("SMTP server closed the connection");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code)) {
            throw new IOException("SMTP: expected " + code + " got " + line);
        }
    }
}
