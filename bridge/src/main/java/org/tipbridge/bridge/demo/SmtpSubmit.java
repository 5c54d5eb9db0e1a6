// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal SMTP client that submits raw message bytes unchanged (dot-stuffed): for the demo, tests and benchmarks. */
public final class SmtpSubmit {
    private SmtpSubmit() {}

    public static void send(String host, int port, String from, String to, byte[] raw) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "EHLO test.invalid", "250");
            command(out, in, "MAIL FROM:<" + from + ">", "250");
            command(out, in, "RCPT TO:<" + to + ">", "250");
            command(out, in, "DATA", "354");
            out.write(dotStuff(raw));
            command(out, in, ".", "250");
            command(out, in, "QUIT", "221");
        }
    }

    private static byte[] dotStuff(byte[] raw) {
        String s = new String(raw, StandardCharsets.ISO_8859_1).replaceAll("(?<!\r)\n", "\r\n");
        s = s.replace("\r\n.", "\r\n..");
        if (s.startsWith(".")) {
            s = "." + s;
        }
        if (!s.endsWith("\r\n")) {
            s = s + "\r\n";
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
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
