// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * An external mailbox for the benchmarks: GreenMail with SMTP and IMAP on loopback, in its own JVM
 * so its CPU is visible and its memory is not counted in the daemon. Usage:
 * {@code BenchMailbox SMTP_PORT IMAP_PORT USER PASSWORD}. Prints {@code ready}, then answers
 * {@code count} on stdin with the number of messages held; stops on {@code quit} or end of input.
 */
public final class BenchMailbox {
    private BenchMailbox() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: BenchMailbox SMTP_PORT IMAP_PORT USER PASSWORD");
            System.exit(2);
        }
        GreenMail mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(Integer.parseInt(args[0]), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(Integer.parseInt(args[1]), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        mail.start();
        mail.setUser(args[2], args[2], args[3]);
        try {
            serve(mail);
        } finally {
            mail.stop();
        }
    }

    private static void serve(GreenMail mail) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        System.out.println("ready");
        System.out.flush();
        for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
            if (line.equals("count")) {
                System.out.println(mail.getReceivedMessages().length);
                System.out.flush();
            }
        }
    }
}
