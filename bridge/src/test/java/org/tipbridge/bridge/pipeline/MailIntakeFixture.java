// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tipbridge.bridge.handle.Handles;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.handle.ReplyAddressBox;
import org.tipbridge.bridge.intake.mail.MailParser;
import org.tipbridge.bridge.intake.mail.SignerDirectory;
import org.tipbridge.bridge.store.Storage;
import org.tipbridge.bridge.store.TestDatabases;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.ConfigTemplate;
import org.tipbridge.conf.LimitsConfig;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.SecretKey;
import org.tipbridge.scrub.ScrubLimits;
import org.tipbridge.scrub.Scrubber;

/**
 * The e-mail pipeline as the daemon wires it (real OpenPGP, scrubbing sealer, handles, a real
 * store of the engine under test), with the gpg-made interop keys in {@code resources/interop}:
 * the bridge key, one analyst, and the 25519 sender as every conversation's stored source key.
 * The default {@code [limits]}; plaintext accepted, so that every MIME path is reachable.
 */
final class MailIntakeFixture implements AutoCloseable {
    private static final OpenPgp PGP = OpenPgp.create();

    private final Storage storage;
    private final SecretKey bridgeKey;
    private final MailParser parser;
    private final SignerDirectory signers;
    private final MailPipeline pipeline;

    MailIntakeFixture(Path dir) {
        try {
            bridgeKey = PGP.readSecretKey(resource("interop/bridge.sec.asc"), "bridge-test-passphrase".toCharArray());
            Certificate analyst =
                    PGP.readCertificates(resource("interop/analyst.pub.asc")).get(0);
            Certificate sender = PGP.readCertificates(resource("interop/sender-25519.pub.asc"))
                    .get(0);
            storage = Storage.open(TestDatabases.store(dir), Clock.systemUTC());
            MappingSecrets secrets = MappingSecrets.generate(dir.resolve("mapping.key"));
            AnalystSeal seal = new AnalystSeal(PGP, () -> List.of(analyst), storage.blobs());
            Handles handles = new Handles(storage.records(), secrets, new ReplyAddressBox(secrets), new SecureRandom());
            parser = new MailParser(
                    PGP,
                    bridgeKey,
                    defaultLimits(dir),
                    true,
                    new ScrubbingSealer(seal, Scrubber.standard(), ScrubLimits.DEFAULT));
            signers = envelope -> Optional.of(sender);
            pipeline = new MailPipeline(
                    parser,
                    new StripMail(handles, secrets),
                    seal,
                    storage.records(),
                    new CoarseClock(Clock.systemUTC(), Duration.ofHours(1)),
                    secrets,
                    signers,
                    new AckPolicy(true, true, Duration.ofHours(24), 100));
        } catch (PgpException e) {
            throw new IllegalStateException("the interop test keys cannot be read", e);
        }
    }

    MailPipeline pipeline() {
        return pipeline;
    }

    /** The store and blobs the pipeline writes to. */
    Storage storage() {
        return storage;
    }

    /** The only secret key a server holds: the bridge key (the test copy). */
    SecretKey bridgeKey() {
        return bridgeKey;
    }

    /**
     * Runs the pipeline's parse stage alone and returns the exception that escaped it, if any (the
     * pipeline itself quarantines such a message as {@code processing-failed} and only logs it).
     */
    Optional<RuntimeException> parseFailure(byte[] raw) {
        try {
            parser.parse(new java.io.ByteArrayInputStream(raw), signers);
            return Optional.empty();
        } catch (IntakeException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e);
        }
    }

    /** The {@code [limits]} of the configuration {@code tipbridge init} writes: the shipped defaults. */
    private static LimitsConfig defaultLimits(Path dir) {
        try {
            Path home = Files.createDirectories(dir.resolve("home"));
            Files.writeString(home.resolve(ConfigLoader.FILE_NAME), ConfigTemplate.text());
            return ConfigLoader.load(home, Map.of()).limits();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InputStream resource(String name) {
        InputStream in = MailIntakeFixture.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        return in;
    }

    @Override
    public void close() {
        bridgeKey.destroy();
        storage.close();
    }
}
