// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.keys.AnalystDirectory;
import org.tipbridge.bridge.keys.KeyFileException;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.ConfigTemplate;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;

/**
 * Creates a new home directory: configuration, bridge key and passphrase, mapping secrets, mailbox
 * password, data directories and (optionally) a quickstart analyst key. Builds everything in a
 * sibling directory and renames it into place, so a failed init leaves nothing half-made.
 */
public final class HomeInitializer {
    private static final int PASSPHRASE_CHARS = 32;
    private final OpenPgp pgp;
    private final SecureRandom random;

    private final Map<String, String> env;

    /** {@code env} supplies configuration overrides (e.g. the tip address written into the bridge key). */
    public HomeInitializer(OpenPgp pgp, SecureRandom random, Map<String, String> env) {
        this.pgp = pgp;
        this.random = random;
        this.env = Map.copyOf(env);
    }

    /** What init made: the bridge certificate and, when asked for, the quickstart analyst key's location. */
    public record Result(Certificate bridge, Optional<Path> analystKey, Optional<Path> analystPassphrase) {}

    public Result create(Home home, boolean withAnalystKey) throws IOException, PgpException, KeyFileException {
        if (Files.exists(home.dir()) && !isFreshDir(home.dir())) {
            throw new HomeExistsException(home.dir());
        }
        SecureFiles.privateDir(home.dir());
        Path staging = Files.createTempDirectory(home.dir(), ".init-");
        try {
            Result result = populate(new Home(staging), withAnalystKey);
            moveInto(staging, home);
            return relocate(result, staging, home.dir());
        } finally {
            if (Files.exists(staging)) {
                deleteTree(staging);
            }
        }
    }

    /** Moves the staged files into the home; the configuration goes last, marking the home complete. */
    private static void moveInto(Path staging, Home home) throws IOException {
        Path config = staging.resolve(home.config().getFileName());
        try (var entries = Files.list(staging)) {
            for (Path entry : entries.filter(p -> !p.equals(config)).toList()) {
                Files.move(entry, home.dir().resolve(entry.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        Files.move(config, home.config(), StandardCopyOption.ATOMIC_MOVE);
    }

    private Result populate(Home home, boolean withAnalystKey) throws IOException, PgpException, KeyFileException {
        SecureFiles.writeNew(home.config(), ConfigTemplate.text());
        TipbridgeConfig config = ConfigLoader.load(home.dir(), env);
        SecureFiles.privateDir(home.keysDir());
        SecureFiles.privateDir(home.secretsDir());
        SecureFiles.privateDir(config.store().blobDir());
        SecureFiles.privateDir(config.keys().analystsDir());
        Certificate bridge = writeBridgeKey(home, config);
        MappingSecrets.generate(config.keys().mappingSecrets());
        char[] mailboxPassword = SecureFiles.randomPassphrase(random, PASSPHRASE_CHARS);
        SecureFiles.writeNew(config.mailbox().passwordFile(), new String(mailboxPassword) + "\n");
        if (!withAnalystKey) {
            return new Result(bridge, Optional.empty(), Optional.empty());
        }
        return writeQuickstartAnalyst(home, config, bridge);
    }

    private Certificate writeBridgeKey(Home home, TipbridgeConfig config) throws IOException, PgpException {
        char[] passphrase = SecureFiles.randomPassphrase(random, PASSPHRASE_CHARS);
        try {
            SecureFiles.writeNew(config.keys().passphraseFile(), new String(passphrase) + "\n");
            GeneratedKey key = pgp.generateKey("tipbridge <" + config.mailbox().address() + ">", passphrase);
            key.key().destroy();
            SecureFiles.writeNew(config.keys().bridgeKey(), key.armoredProtectedSecret());
            Files.writeString(home.bridgePublicKey(), key.certificate().armored(), StandardCharsets.US_ASCII);
            return key.certificate();
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private Result writeQuickstartAnalyst(Home home, TipbridgeConfig config, Certificate bridge)
            throws IOException, PgpException, KeyFileException {
        char[] passphrase = SecureFiles.randomPassphrase(random, PASSPHRASE_CHARS);
        try {
            GeneratedKey key = pgp.generateKey("tipbridge quickstart analyst", passphrase);
            key.key().destroy();
            Path dir = SecureFiles.privateDir(home.quickstartDir());
            Path keyFile = dir.resolve("analyst.sec.asc");
            Path passFile = dir.resolve("analyst-passphrase");
            SecureFiles.writeNew(keyFile, key.armoredProtectedSecret());
            SecureFiles.writeNew(passFile, new String(passphrase) + "\n");
            new AnalystDirectory(config.keys().analystsDir(), pgp)
                    .add(key.certificate().armored().getBytes(StandardCharsets.US_ASCII));
            return new Result(bridge, Optional.of(keyFile), Optional.of(passFile));
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static Result relocate(Result r, Path from, Path to) {
        return new Result(
                r.bridge(),
                r.analystKey().map(p -> to.resolve(from.relativize(p))),
                r.analystPassphrase().map(p -> to.resolve(from.relativize(p))));
    }

    /** An empty directory, or a freshly made file system holding only {@code lost+found}. */
    private static boolean isFreshDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var entries = Files.list(dir)) {
            return entries.allMatch(p -> p.getFileName().toString().equals("lost+found"));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p :
                    paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
