// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.tipbridge.bridge.demo.SmtpSubmit;

/** {@link BenchMailbox} in a child JVM; mail goes in over SMTP, as a source's mail would. */
final class GreenMailProcess implements Mailbox {
    private static final String TIP_ADDRESS = "tips@localhost";
    private final Process process;
    private final BufferedReader replies;
    private final OutputStream commands;
    private final int smtpPort;
    private final int imapPort;

    private GreenMailProcess(Process process, int smtpPort, int imapPort) {
        this.process = process;
        this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        this.commands = process.getOutputStream();
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    static GreenMailProcess start(String password, String heap, Path log) throws IOException {
        int smtp = Ports.free();
        int imap = Ports.free();
        List<String> cmd = List.of(
                Jvm.java(),
                "-Xmx" + heap,
                "-cp",
                System.getProperty("java.class.path"),
                BenchMailbox.class.getName(),
                Integer.toString(smtp),
                Integer.toString(imap),
                TIP_ADDRESS,
                password);
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        GreenMailProcess mailbox = new GreenMailProcess(p, smtp, imap);
        String first = mailbox.replies.readLine();
        if (!"ready".equals(first)) {
            p.destroyForcibly();
            throw new IOException("the bench mailbox did not start; see " + log);
        }
        return mailbox;
    }

    @Override
    public int imapPort() {
        return imapPort;
    }

    @Override
    public void deliver(byte[] raw) throws IOException {
        SmtpSubmit.send("127.0.0.1", smtpPort, "source@example.org", TIP_ADDRESS, raw);
    }

    @Override
    public void deliver(Path file) throws IOException {
        deliver(Files.readAllBytes(file));
    }

    @Override
    public synchronized int count() throws IOException {
        commands.write("count\n".getBytes(StandardCharsets.US_ASCII));
        commands.flush();
        String line = replies.readLine();
        if (line == null) {
            throw new IOException("the bench mailbox exited");
        }
        return Integer.parseInt(line.trim());
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.of(process.pid());
    }

    @Override
    public void close() throws IOException {
        try {
            commands.write("quit\n".getBytes(StandardCharsets.US_ASCII));
            commands.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
