// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.demo.SmtpSubmit;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.pipeline.RedactedCopy;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.QuarantineEntry;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.Storage;
import org.tipbridge.bridge.testing.LeakScanner;
import org.tipbridge.bridge.testing.MailBuilder;
import org.tipbridge.bridge.testing.TipbridgeJar;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;

/**
 * Quarantined e-mail in the daemon in this JVM against GreenMail: the redacted sealed copy, the
 * place (UIDVALIDITY, UID) the move's COPYUID gives the entry, release and delete requests by that
 * place, and retention's queued expunges.
 */
class QuarantineReleaseIntegrationTest {
    private static final String SOURCE = "jane.source@example.net";
    private static final OpenPgp PGP = OpenPgp.create();

    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();
    private GreenMail mailbox;
    private int smtp;
    private int imap;
    private String password;
    private TipbridgeConfig config;
    private HomeInitializer.Result init;

    @BeforeEach
    void setUp() throws Exception {
        Home home = new Home(tmp.resolve("home"));
        smtp = TipbridgeJar.freePort();
        imap = TipbridgeJar.freePort();
        env.put("TIPBRIDGE_MAILBOX_HOST", "127.0.0.1");
        env.put("TIPBRIDGE_MAILBOX_IMAP_PORT", Integer.toString(imap));
        env.put("TIPBRIDGE_MAILBOX_POLL_SECONDS", "1");
        env.put("TIPBRIDGE_MAILBOX_RECONNECT_MAX_SECONDS", "1");
        env.put("TIPBRIDGE_INTAKE_ACCEPT_PLAINTEXT", "false");
        init = new HomeInitializer(PGP, new SecureRandom(), Map.of()).create(home, true);
        org.tipbridge.bridge.store.TestDatabases.useIn(home.dir());
        password =
                Files.readString(home.dir().resolve("secrets/mailbox-password")).trim();
        mailbox = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        mailbox.start();
        mailbox.setUser("tips@localhost", "tips@localhost", password);
        config = ConfigLoader.load(home.dir(), env);
    }

    @AfterEach
    void tearDown() {
        mailbox.stop();
    }

    @Test
    void plaintextReleasedWithItsOverrideBecomesARecordAndLeavesTheQuarantineFolder() throws Exception {
        deliver("q1", "Trucks leave at dawn.");
        withDaemon(() -> {
            QuarantineEntry held = awaitEntry(e -> e.hasCopy() && folderCount("Quarantine") == 1);
            assertThat(held.reasonCode()).isEqualTo("plaintext-refused");
            assertThat(held.location()).isPresent();
            assertThat(places("Quarantine")).containsExactly(held.location().get());
            requestRelease(held.id(), "plaintext-refused");
            awaitTrue(() -> entry(held.id()).state().equals(QuarantineEntry.STATE_RELEASED)
                    && entry(held.id()).detail().isEmpty());
        });
        QuarantineEntry released = entry(firstId());
        assertThat(count()).isEqualTo(1);
        assertThat(released.recordId()).isPresent();
        assertThat(folderCount("Quarantine")).isZero();
        assertThat(folderCount("INBOX")).isZero();
    }

    @Test
    void aRateLimitedMessageIsMovedWithItsPlaceRecordedAndCanBeReleased() throws Exception {
        env.put("TIPBRIDGE_INTAKE_ACCEPT_PLAINTEXT", "true");
        env.put("TIPBRIDGE_FLOODS_SENDER_BURST", "1");
        env.put("TIPBRIDGE_FLOODS_SENDER_PER_HOUR", "1");
        config = ConfigLoader.load(tmp.resolve("home"), env);
        deliver("r1", "The first tip takes the sender's only token.");
        deliver("r2", "The second is over the limit.");
        withDaemon(() -> {
            QuarantineEntry held = awaitEntry(e -> e.location().isPresent() && count() == 1);
            assertThat(held.reasonCode()).isEqualTo("rate-limited");
            assertThat(held.hasCopy()).isFalse();
            assertThat(places("Quarantine")).containsExactly(held.location().get());
            requestRelease(held.id(), "rate-limited");
            awaitTrue(() -> entry(held.id()).state().equals(QuarantineEntry.STATE_RELEASED)
                    && entry(held.id()).detail().isEmpty());
        });
        assertThat(count()).isEqualTo(2);
        assertThat(entry(firstId()).recordId()).isPresent();
        assertThat(folderCount("Quarantine")).isZero();
        assertThat(folderCount("INBOX")).isZero();
    }

    @Test
    void theSealedCopyKeepsNoIdentifyingHeaderAndNothingInTheHomeNamesTheSource() throws Exception {
        deliver("q2", "Crates at the border.");
        withDaemon(() -> awaitEntry(QuarantineEntry::hasCopy));
        RedactedCopy.Copy copy = openCopy(entry(firstId()));

        String headers = copy.headers().toString();
        assertThat(copy.headers()).extracting(RedactedCopy.Header::name).contains("Subject");
        for (String id : new String[] {SOURCE, "198.51.100.77", "203.0.113.45", "phone-q2", "Thunderbird", "sel"}) {
            assertThat(headers).doesNotContain(id);
        }
        assertThat(new String(copy.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("Crates at the border.");
        LeakScanner scanner = new LeakScanner().identifier(SOURCE).identifier("198.51.100.77");
        assertThat(scanner.scanTree(tmp.resolve("home"))).isEmpty();
    }

    @Test
    void aMissingOriginalFailsTheReleaseAndNamesWhy() throws Exception {
        deliver("q3", "gone");
        withDaemon(() -> {
            QuarantineEntry held = awaitEntry(e -> e.hasCopy() && folderCount("Quarantine") == 1);
            expungeAll("Quarantine");
            requestRelease(held.id(), "plaintext-refused");
            awaitTrue(() -> entry(held.id()).state().equals(QuarantineEntry.STATE_RELEASE_FAILED));
        });
        assertThat(entry(firstId()).detail()).contains("original-missing");
        assertThat(count()).isZero();
    }

    @Test
    void deleteExpungesTheMailboxCopyAndThenRemovesTheEntry() throws Exception {
        deliver("q4", "delete me");
        withDaemon(() -> {
            QuarantineEntry held = awaitEntry(e -> e.hasCopy() && folderCount("Quarantine") == 1);
            cli("delete", held.id());
            awaitTrue(() -> quarantineCount() == 0);
        });
        assertThat(folderCount("Quarantine")).isZero();
        assertThat(count()).isZero();
    }

    @Test
    void aMessageWhoseEntryRetentionDeletedLeavesTheQuarantineFolderAndTheQueueEmpties() throws Exception {
        deliver("q7", "older");
        deliver("q8", "newer");
        withDaemon(() -> awaitTrue(() -> {
            try {
                return quarantineCount() == 2 && folderCount("Quarantine") == 2;
            } catch (Exception e) {
                return false;
            }
        }));
        QuarantineEntry newer;
        try (RecordStore store = RecordStore.open(config.store())) {
            newer = store.quarantines().get(store.quarantined(1).get(0).id()).orElseThrow();
            assertThat(store.retention()
                            .purgeQuarantine(Instant.now().plus(Duration.ofDays(1)), 1)
                            .ids())
                    .hasSize(1)
                    .doesNotContain(newer.id());
            assertThat(store.quarantines().expungeQueue(10)).hasSize(1);
        }

        withDaemon(() -> awaitTrue(() -> {
            try {
                return folderCount("Quarantine") == 1;
            } catch (Exception e) {
                return false;
            }
        }));

        assertThat(places("Quarantine")).containsExactly(newer.location().orElseThrow());
        try (RecordStore store = RecordStore.open(config.store())) {
            assertThat(store.quarantines().expungeQueue(10)).isEmpty();
        }
    }

    @Test
    void anEntryWhosePlaceNamesAnotherFolderGenerationNeverTouchesTheMessageThere() throws Exception {
        deliver("q9", "restored from a backup");
        withDaemon(() -> {
            QuarantineEntry held = awaitEntry(e -> e.hasCopy() && e.location().isPresent());
            QuarantineEntry.Location real = held.location().get();
            try (RecordStore store = RecordStore.open(config.store())) {
                // As after a restore onto a rebuilt mailbox: same UID, another UIDVALIDITY.
                store.quarantines()
                        .located(held.id(), new QuarantineEntry.Location(real.uidValidity() + 1, real.uid()));
            }
            requestRelease(held.id(), "plaintext-refused");
            awaitTrue(() -> entry(held.id()).state().equals(QuarantineEntry.STATE_RELEASE_FAILED));
            cli("delete", held.id());
            awaitTrue(() -> quarantineCount() == 0);
        });
        assertThat(count()).isZero();
        assertThat(folderCount("Quarantine")).isEqualTo(1);
    }

    @Test
    void aReplayAfterTheRowWasCommittedButBeforeCopyAndMoveKeepsOneEntryWithOneCopy() throws Exception {
        deliver("q5", "crash in the middle");
        long uidValidity;
        long uid;
        Store store = connect();
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            uidValidity = ((UIDFolder) inbox).getUIDValidity();
            uid = ((UIDFolder) inbox).getUID(inbox.getMessage(1));
            inbox.close(false);
        } finally {
            store.close();
        }
        // What the pipeline committed before the crash: the row, as it makes it, and nothing else.
        byte[] key = MappingSecrets.load(config.keys().mappingSecrets())
                .dedupeKey(Channel.EMAIL, "quarantine:" + uidValidity + "/" + uid, new byte[0]);
        long before;
        try (RecordStore records = RecordStore.open(config.store())) {
            before = records.quarantine(Channel.EMAIL, Instant.now(), "plaintext-refused", key, Optional.empty());
        }

        withDaemon(() -> awaitEntry(e -> e.hasCopy() && folderCount("Quarantine") == 1));

        assertThat(quarantineCount()).isEqualTo(1);
        assertThat(entry(before).hasCopy()).isTrue();
        assertThat(places("Quarantine"))
                .containsExactly(entry(before).location().orElseThrow());
        if (!org.tipbridge.bridge.store.TestDatabases.postgresql()) {
            assertThat(blobFiles()).isEqualTo(1); // on PostgreSQL blobs are rows, not files
        }
    }

    @Test
    void aMessageOverOneMebibyteIsCopiedFromItsStartFetchedAgainAndMarkedTruncated() throws Exception {
        String line = "The convoy changes route at the river. ".repeat(2) + "\n";
        deliver("q6", line.repeat(1_600_000 / line.length()));
        withDaemon(() -> awaitEntry(e -> e.hasCopy() && folderCount("Quarantine") == 1));
        RedactedCopy.Copy copy = openCopy(entry(firstId()));

        assertThat(copy.truncated()).isTrue();
        assertThat(copy.body()).hasSize(RedactedCopy.BODY_MAX);
        assertThat(new String(copy.body(), java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("The convoy");
        assertThat(copy.headers()).extracting(RedactedCopy.Header::name).contains("Subject");
    }

    private long blobFiles() throws Exception {
        Path blobs = config.store().blobDir();
        try (var files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private RedactedCopy.Copy openCopy(QuarantineEntry entry) throws Exception {
        char[] passphrase =
                Files.readString(init.analystPassphrase().orElseThrow()).strip().toCharArray();
        try (InputStream keyIn = Files.newInputStream(init.analystKey().orElseThrow());
                SecretKey key = PGP.readSecretKey(keyIn, passphrase);
                Storage storage = Storage.open(config.store(), Clock.systemUTC());
                InputStream sealed = storage.blobs().open(entry.originalBlob().orElseThrow())) {
            return RedactedCopy.read(PGP.decrypt(sealed, DecryptOptions.with(key, 4L << 20)));
        }
    }

    /** The analyst's verb, through the real CLI in this JVM. */
    private void cli(String verb, long id, String... more) {
        java.util.List<String> args =
                new java.util.ArrayList<>(java.util.List.of("quarantine", verb, Long.toString(id)));
        args.addAll(java.util.List.of(more));
        args.addAll(java.util.List.of("--home", tmp.resolve("home").toString()));
        assertThat(org.tipbridge.bridge.cli.Main.run(args.toArray(String[]::new)))
                .isZero();
    }

    private void requestRelease(long id, String override) {
        cli("release", id, "--override", override);
    }

    private void deliver(String seed, String body) throws Exception {
        SmtpSubmit.send(
                "127.0.0.1",
                smtp,
                SOURCE,
                "tips@localhost",
                MailBuilder.plain(MailBuilder.identifyingHeaders(SOURCE, seed), "a tip " + seed, body));
    }

    interface WhileRunning {
        void run() throws Exception;
    }

    private void withDaemon(WhileRunning body) throws Exception {
        Daemon daemon = Daemon.start(config, env);
        try {
            body.run();
        } finally {
            daemon.close();
        }
    }

    interface EntryCondition {
        boolean test(QuarantineEntry entry) throws Exception;
    }

    private QuarantineEntry awaitEntry(EntryCondition condition) throws Exception {
        awaitTrue(() -> {
            try {
                return quarantineCount() == 1 && condition.test(entry(firstId()));
            } catch (Exception e) {
                return false;
            }
        });
        return entry(firstId());
    }

    private long firstId() {
        try (RecordStore store = RecordStore.open(config.store())) {
            return store.quarantined(1).get(0).id();
        }
    }

    private QuarantineEntry entry(long id) {
        try (RecordStore store = RecordStore.open(config.store())) {
            return store.quarantines().get(id).orElseThrow();
        }
    }

    private int count() {
        try (RecordStore store = RecordStore.open(config.store())) {
            return store.count();
        }
    }

    private int quarantineCount() {
        try (RecordStore store = RecordStore.open(config.store())) {
            return store.quarantineCount();
        }
    }

    private Store connect() throws Exception {
        Store store = jakarta.mail.Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imap, "tips@localhost", password);
        return store;
    }

    private int folderCount(String name) throws Exception {
        Store store = connect();
        try {
            Folder folder = store.getFolder(name);
            if (!folder.exists()) {
                return 0;
            }
            folder.open(Folder.READ_ONLY);
            int n = folder.getMessageCount();
            folder.close(false);
            return n;
        } finally {
            store.close();
        }
    }

    /** Where each message of the folder lies: its UIDVALIDITY and UID. */
    private java.util.List<QuarantineEntry.Location> places(String name) throws Exception {
        Store store = connect();
        try {
            Folder folder = store.getFolder(name);
            folder.open(Folder.READ_ONLY);
            java.util.List<QuarantineEntry.Location> all = new java.util.ArrayList<>();
            for (Message m : folder.getMessages()) {
                all.add(new QuarantineEntry.Location(
                        ((UIDFolder) folder).getUIDValidity(), ((UIDFolder) folder).getUID(m)));
            }
            folder.close(false);
            return all;
        } finally {
            store.close();
        }
    }

    private void expungeAll(String name) throws Exception {
        Store store = connect();
        try {
            Folder folder = store.getFolder(name);
            folder.open(Folder.READ_WRITE);
            folder.setFlags(folder.getMessages(), new Flags(Flags.Flag.DELETED), true);
            folder.close(true);
        } finally {
            store.close();
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
