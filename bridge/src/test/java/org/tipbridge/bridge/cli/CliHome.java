// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tipbridge.bridge.outbox.ReplyCodec;
import org.tipbridge.bridge.outbox.ReplyDocument;
import org.tipbridge.bridge.pipeline.RecordDocument;
import org.tipbridge.bridge.store.AckRequest;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.NewRecord;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.EncryptOptions;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;

/**
 * A real home made with {@code tipbridge init} and {@code tipbridge analysts add}, with an
 * analyst key on disk, and conversations seeded straight into its store (no daemon).
 */
final class CliHome {
    static final String HANDLE = "amber-otter-7K4QX";
    static final Instant RECEIVED = Instant.parse("2026-11-28T10:00:00Z");
    private static final OpenPgp PGP = OpenPgp.create();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    final Path dir;
    final Path analystKey;
    final Path analystPassphrase;
    final Certificate analyst;
    final TipbridgeConfig config;

    private CliHome(Path dir, Path analystKey, Path analystPassphrase, Certificate analyst) {
        this.dir = dir;
        this.analystKey = analystKey;
        this.analystPassphrase = analystPassphrase;
        this.analyst = analyst;
        this.config = ConfigLoader.load(dir, Map.of());
    }

    static CliHome create(Path tmp) throws Exception {
        Path dir = tmp.resolve("home");
        Cli.expect(0, "init", "--home", dir, "--no-analyst-key");
        org.tipbridge.bridge.store.TestDatabases.useIn(dir);
        Path keys = Files.createDirectories(tmp.resolve("analyst"));
        Path passphrase = Files.writeString(keys.resolve("passphrase"), "correct horse\n");
        GeneratedKey key = PGP.generateKey("Analyst One <analyst@tipline.example>", "correct horse".toCharArray());
        key.key().destroy();
        Path secret = Files.writeString(keys.resolve("analyst.sec.asc"), key.armoredProtectedSecret());
        Path pub = Files.writeString(
                keys.resolve("analyst.pub.asc"), key.certificate().armored());
        Cli.expect(0, "analysts", "add", "--home", dir, pub);
        return new CliHome(dir, secret, passphrase, key.certificate());
    }

    /** A home with one conversation ({@link #HANDLE}) holding one tip, acknowledged or not. */
    static CliHome withOneTip(Path tmp, boolean acknowledge) throws Exception {
        CliHome home = create(tmp);
        home.mapping(HANDLE);
        home.tip(HANDLE, "Shipment", "Crates leave on Friday.", acknowledge);
        return home;
    }

    /** {@code --home DIR} followed by {@code more}. */
    Object[] args(Object... more) {
        Object[] all = new Object[more.length + 2];
        System.arraycopy(more, 0, all, 0, more.length);
        all[more.length] = "--home";
        all[more.length + 1] = dir;
        return all;
    }

    /** {@code --home DIR --key FILE --passphrase-file F} followed by {@code more}. */
    Object[] keyArgs(Object... more) {
        Object[] base = args(more);
        Object[] all = new Object[base.length + 4];
        System.arraycopy(base, 0, all, 0, base.length);
        all[base.length] = "--key";
        all[base.length + 1] = analystKey;
        all[base.length + 2] = "--passphrase-file";
        all[base.length + 3] = analystPassphrase;
        return all;
    }

    RecordStore store() {
        return RecordStore.open(config.store());
    }

    /** A handle mapping as the daemon makes one for a new sender (the sealed address is opaque here). */
    void mapping(String handle) {
        byte[] lookup = new byte[32];
        RANDOM.nextBytes(lookup);
        try (RecordStore store = store()) {
            store.createMapping(
                    lookup, handle, "opaque sealed reply address".getBytes(StandardCharsets.US_ASCII), RECEIVED);
        }
    }

    /**
     * Commits a tip with the given attachments, each sealed through the daemon's scrub stage (original,
     * cleaned copy, findings) into the home's blob store.
     */
    long tipWithAttachments(String handle, Map<String, byte[]> files) throws Exception {
        try (org.tipbridge.bridge.store.Storage storage =
                org.tipbridge.bridge.store.Storage.open(config.store(), java.time.Clock.systemUTC())) {
            return tipWithAttachments(handle, files, storage.blobs());
        }
    }

    private long tipWithAttachments(
            String handle, Map<String, byte[]> files, org.tipbridge.bridge.store.BlobStore blobStore) throws Exception {
        org.tipbridge.bridge.pipeline.ScrubbingSealer sealer = new org.tipbridge.bridge.pipeline.ScrubbingSealer(
                new org.tipbridge.bridge.pipeline.AnalystSeal(PGP, () -> List.of(analyst), blobStore),
                org.tipbridge.scrub.Scrubber.standard(),
                org.tipbridge.scrub.ScrubLimits.DEFAULT);
        List<RecordDocument.Attachment> docs = new java.util.ArrayList<>();
        List<org.tipbridge.bridge.store.BlobRef> blobs = new java.util.ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            org.tipbridge.bridge.pipeline.AttachmentSealer.Sealing sealing = sealer.begin();
            sealing.plaintext().write(file.getValue());
            org.tipbridge.bridge.pipeline.AttachmentSealer.SealedBlob sealed = sealing.finish();
            org.tipbridge.bridge.pipeline.SealedAttachment a = new org.tipbridge.bridge.pipeline.SealedAttachment(
                    file.getKey(),
                    "application/octet-stream",
                    sealed.plaintextSize(),
                    sealed.blob(),
                    sealed.scrubbed());
            docs.add(org.tipbridge.bridge.pipeline.RecordCodec.attachment(a));
            blobs.addAll(a.blobs());
        }
        return commitDocument(handle, docs, blobs);
    }

    /** Commits a tip whose record lists exactly these attachment entries. */
    long commitDocument(
            String handle, List<RecordDocument.Attachment> attachments, List<org.tipbridge.bridge.store.BlobRef> blobs)
            throws Exception {
        RecordDocument doc = new RecordDocument(
                RecordDocument.VERSION,
                handle,
                "email",
                RECEIVED.toString(),
                "Photos",
                "See the attached files.",
                true,
                "verified",
                null,
                List.of(),
                attachments);
        byte[] dedupe = new byte[32];
        RANDOM.nextBytes(dedupe);
        try (RecordStore store = store()) {
            return store.commit(new NewRecord(
                            handle,
                            Channel.EMAIL,
                            RECEIVED,
                            dedupe,
                            seal(JSON.writeValueAsBytes(doc), analyst),
                            blobs,
                            Optional.empty(),
                            attachments.size()))
                    .id();
        }
    }

    /** Commits a tip sealed to the analyst, as the daemon would; {@code acknowledge} queues an acknowledgement with it. */
    long tip(String handle, String subject, String body, boolean acknowledge) throws Exception {
        RecordDocument doc = new RecordDocument(
                RecordDocument.VERSION,
                handle,
                "email",
                RECEIVED.toString(),
                subject,
                body,
                true,
                "verified",
                null,
                List.of(),
                List.of(new RecordDocument.Attachment("scan.pdf", "application/pdf", 1234, "blob-1")));
        byte[] dedupe = new byte[32];
        RANDOM.nextBytes(dedupe);
        Optional<AckRequest> ack = acknowledge
                ? Optional.of(new AckRequest(true, RECEIVED.minus(Duration.ofDays(1)), 1000))
                : Optional.empty();
        try (RecordStore store = store()) {
            return store.commit(new NewRecord(
                            handle,
                            Channel.EMAIL,
                            RECEIVED,
                            dedupe,
                            seal(JSON.writeValueAsBytes(doc), analyst),
                            List.of(),
                            ack))
                    .id();
        }
    }

    static byte[] seal(byte[] plaintext, Certificate to) throws Exception {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (OutputStream out = PGP.encrypt(sealed, EncryptOptions.to(List.of(to)))) {
            out.write(plaintext);
        }
        return sealed.toByteArray();
    }

    SecretKey analystSecret() throws Exception {
        try (InputStream in = Files.newInputStream(analystKey)) {
            return PGP.readSecretKey(in, "correct horse".toCharArray());
        }
    }

    /** The bridge key, unlocked with the passphrase init wrote into the home's secrets. */
    SecretKey bridgeSecret() throws Exception {
        char[] passphrase =
                Files.readString(config.keys().passphraseFile()).strip().toCharArray();
        try (InputStream in = Files.newInputStream(config.keys().bridgeKey())) {
            return PGP.readSecretKey(in, passphrase);
        }
    }

    /** Opens a sealed reply with {@code key}; throws if it is not sealed to it or was tampered with. */
    static ReplyDocument openReply(byte[] sealed, SecretKey key) throws Exception {
        DecryptingStream plain = PGP.decrypt(new ByteArrayInputStream(sealed), DecryptOptions.with(key, 1 << 24));
        byte[] bytes = plain.readAllBytes();
        plain.close();
        return new ReplyCodec().decode(new ByteArrayInputStream(bytes));
    }
}
