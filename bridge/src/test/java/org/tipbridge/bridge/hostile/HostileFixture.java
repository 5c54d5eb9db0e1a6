// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.tipbridge.bridge.handle.Handles;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.handle.ReplyAddress;
import org.tipbridge.bridge.handle.ReplyAddressBox;
import org.tipbridge.bridge.intake.mail.MailParser;
import org.tipbridge.bridge.intake.mail.SignerDirectory;
import org.tipbridge.bridge.pipeline.AckPolicy;
import org.tipbridge.bridge.pipeline.AnalystSeal;
import org.tipbridge.bridge.pipeline.AttachmentSealer;
import org.tipbridge.bridge.pipeline.CoarseClock;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.MailPipeline;
import org.tipbridge.bridge.pipeline.Outcome;
import org.tipbridge.bridge.pipeline.RecordCodec;
import org.tipbridge.bridge.pipeline.RecordDocument;
import org.tipbridge.bridge.pipeline.ScrubbingSealer;
import org.tipbridge.bridge.pipeline.StripMail;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.Storage;
import org.tipbridge.bridge.store.TestDatabases;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;
import org.tipbridge.scrub.ScrubLimits;
import org.tipbridge.scrub.Scrubber;

/**
 * The e-mail intake as the daemon wires it (Daemon.mailPipelines), over a real store from
 * {@link TestDatabases}, the default configuration, the gpg interop keys (bridge key to decrypt,
 * analyst certificate to seal to) and the scrub stage; plus what a test needs to open records
 * again: the analyst's secret key and the reply addresses behind handles.
 */
final class HostileFixture implements AutoCloseable {
    static final OpenPgp PGP = OpenPgp.create();
    /** The daemon's scrub limits (Daemon.SCRUB_LIMITS). */
    static final ScrubLimits SCRUB_LIMITS = new ScrubLimits(32L << 20, 100_000, 16, 256L << 20, 100, 200_000_000L);

    final TipbridgeConfig config;
    final Storage storage;
    final RecordStore store;
    final MappingSecrets secrets;
    final Handles handles;
    final AnalystSeal seal;
    final AttachmentSealer attachments;
    final SecretKey bridgeKey;
    final Certificate bridgeCertificate;
    final MailPipeline mail;
    private final SecretKey analystKey;
    private final RecordCodec codec = new RecordCodec();

    private HostileFixture(Path dir) throws Exception {
        config = defaults(dir.resolve("home"));
        storage = Storage.open(TestDatabases.store(dir), Clock.systemUTC());
        store = storage.records();
        secrets = MappingSecrets.generate(dir.resolve("mapping.key"));
        handles = new Handles(store, secrets, new ReplyAddressBox(secrets), new SecureRandom());
        Certificate analyst = certificate("interop/analyst.pub.asc");
        seal = new AnalystSeal(PGP, () -> List.of(analyst), storage.blobs());
        attachments = new ScrubbingSealer(seal, Scrubber.standard(), SCRUB_LIMITS);
        bridgeKey = secretKey("interop/bridge.sec.asc", "bridge-test-passphrase");
        bridgeCertificate = certificate("interop/bridge.pub.asc");
        analystKey = secretKey("interop/analyst.sec.asc", "analyst-test-passphrase");
        mail = new MailPipeline(
                new MailParser(PGP, bridgeKey, config.limits(), config.intake().acceptPlaintext(), attachments),
                new StripMail(handles, secrets),
                seal,
                store,
                new CoarseClock(Clock.systemUTC(), config.intake().timeGranularity()),
                secrets,
                SignerDirectory.none(),
                AckPolicy.forEmail(config.acknowledgement()));
    }

    static HostileFixture open(Path dir) throws Exception {
        return new HostileFixture(dir);
    }

    /** The built-in defaults: a home whose tipbridge.toml is empty. */
    static TipbridgeConfig defaults(Path home) throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve(ConfigLoader.FILE_NAME), "");
        return ConfigLoader.load(home, java.util.Map.of());
    }

    /** One message through the pipeline and its batch committed, as the mailbox thread does it. */
    Outcome ingest(HostileCase c) throws IOException, IntakeException.TransientIo {
        Outcome outcome;
        try (InputStream in = c.open()) {
            outcome = mail.ingest(in, "hostile-" + c.name());
        }
        mail.flush();
        return outcome;
    }

    /** The newest record, as an analyst decrypts it, with the reply address behind its handle. */
    RecordCheck.Tip newestTip() throws Exception {
        var summary = store.list(1).get(0);
        byte[] sealed = store.get(summary.id()).orElseThrow().sealedRecord();
        RecordDocument document;
        try (DecryptingStream plain =
                PGP.decrypt(new ByteArrayInputStream(sealed), DecryptOptions.with(analystKey, 256L << 20))) {
            document = codec.decode(plain);
        }
        Optional<String> reply = handles.replyAddress(document.handle()).map(ReplyAddress::address);
        return new RecordCheck.Tip(document, reply);
    }

    static Certificate certificate(String resource) throws Exception {
        try (InputStream in = PgpForge.resource(resource)) {
            return PGP.readCertificates(in).get(0);
        }
    }

    private static SecretKey secretKey(String resource, String passphrase) throws Exception {
        try (InputStream in = PgpForge.resource(resource)) {
            return PGP.readSecretKey(in, passphrase.toCharArray());
        }
    }

    @Override
    public void close() {
        storage.close();
        bridgeKey.destroy();
        analystKey.destroy();
    }
}
