// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A private Dovecot (Debian package {@code dovecot-imapd}) serving one Maildir on a loopback port:
 * the production mailbox. Mail is delivered by moving a file into {@code new/}, as a local
 * delivery agent does. GreenMail re-serialises the whole message for every partial FETCH, which
 * makes a 270 MB message take minutes there, so the large-attachment benchmark uses this.
 */
final class DovecotMailbox implements Mailbox {
    private static final String USER = "tips@localhost";
    private final Path dir;
    private final Path maildir;
    private final Process master;
    private final int imapPort;
    private final AtomicLong sequence = new AtomicLong();

    private DovecotMailbox(Path dir, Process master, int imapPort) {
        this.dir = dir;
        this.maildir = dir.resolve("mail").resolve(USER);
        this.master = master;
        this.imapPort = imapPort;
    }

    static DovecotMailbox start(Path dir, String password) throws IOException, InterruptedException {
        int port = Ports.free();
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("state"));
        Path maildir = dir.resolve("mail").resolve(USER);
        for (String sub : List.of("new", "cur", "tmp")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        Files.writeString(dir.resolve("passwd"), USER + ":{PLAIN}" + password + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("dovecot.conf"), config(dir, port), StandardCharsets.UTF_8);
        chownTree(dir.resolve("mail"));
        Process p = new ProcessBuilder(
                        "dovecot", "-F", "-c", dir.resolve("dovecot.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("dovecot.out").toFile())
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        awaitPort(port, p);
        return new DovecotMailbox(dir, p, port);
    }

    private static String config(Path dir, int port) throws IOException {
        String owner = mailOwner();
        String group = owner.equals("nobody")
                ? "nogroup"
                : Files.readAttributes(dir, PosixFileAttributes.class).group().getName();
        return "base_dir = " + dir.resolve("run") + "\n"
                + "state_dir = " + dir.resolve("state") + "\n"
                + "log_path = " + dir.resolve("dovecot.log") + "\n"
                + "protocols = imap\nlisten = 127.0.0.1\nssl = no\n"
                + "disable_plaintext_auth = no\nauth_mechanisms = plain login\nfirst_valid_uid = 1\n"
                + "mail_uid = " + owner + "\nmail_gid = " + group + "\n"
                + "mail_location = maildir:" + dir.resolve("mail") + "/%u\n"
                + "passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u " + dir.resolve("passwd")
                + "\n}\n"
                + "userdb {\n  driver = static\n  args = home=" + dir.resolve("mail") + "/%u\n}\n"
                + "service imap-login {\n  chroot =\n  inet_listener imap {\n    port = " + port + "\n  }\n"
                + "  inet_listener imaps {\n    port = 0\n  }\n}\n"
                + "service anvil {\n  chroot =\n}\n";
    }

    /** Dovecot will not run mail processes as root: root hands the Maildir to {@code nobody}. */
    private static String mailOwner() {
        String me = System.getProperty("user.name");
        return me.equals("root") ? "nobody" : me;
    }

    private static void chownTree(Path root) throws IOException {
        if (!System.getProperty("user.name").equals("root")) {
            return;
        }
        UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
        GroupPrincipal group = lookup.lookupPrincipalByGroupName("nogroup");
        try (var paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                Files.setOwner(p, lookup.lookupPrincipalByName("nobody"));
                Files.getFileAttributeView(p, PosixFileAttributeView.class).setGroup(group);
            }
        }
    }

    private static void awaitPort(int port, Process p) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                new Socket("127.0.0.1", port).close();
                return;
            } catch (IOException e) {
                if (!p.isAlive()) {
                    throw new IOException("dovecot exited at start; is dovecot-imapd installed?");
                }
                Thread.sleep(100);
            }
        }
        throw new IOException("dovecot did not open its IMAP port");
    }

    @Override
    public int imapPort() {
        return imapPort;
    }

    @Override
    public void deliver(byte[] raw) throws IOException {
        Path tmp = maildir.resolve("tmp").resolve(uniqueName());
        Files.write(tmp, raw);
        publish(tmp);
    }

    @Override
    public void deliver(Path file) throws IOException {
        Path tmp = maildir.resolve("tmp").resolve(uniqueName());
        Files.copy(file, tmp);
        publish(tmp);
    }

    private void publish(Path tmp) throws IOException {
        chownTree(tmp);
        Files.move(tmp, maildir.resolve("new").resolve(tmp.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    private String uniqueName() {
        return System.currentTimeMillis() / 1000 + ".B"
                + ProcessHandle.current().pid() + "Q" + sequence.incrementAndGet() + ".bench";
    }

    @Override
    public int count() throws IOException {
        int n = 0;
        for (String sub : List.of("new", "cur")) {
            try (var files = Files.list(maildir.resolve(sub))) {
                n += (int) files.count();
            }
        }
        return n;
    }

    @Override
    public OptionalLong pid() {
        return OptionalLong.empty();
    }

    @Override
    public void close() throws IOException {
        master.destroy();
        try {
            if (!master.waitFor(20, TimeUnit.SECONDS)) {
                master.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(dir.resolve("passwd"));
    }
}
