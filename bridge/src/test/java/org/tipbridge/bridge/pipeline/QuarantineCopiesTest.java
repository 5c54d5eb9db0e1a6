// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.store.AuditLog;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.Quarantines;
import org.tipbridge.bridge.store.Storage;
import org.tipbridge.bridge.store.TestDatabases;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;

class QuarantineCopiesTest {
    private static final OpenPgp PGP = OpenPgp.create();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MAIL =
            "Subject: s\r\nFrom: a@b.example\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;

    private Storage storage;
    private Quarantines quarantines;
    private QuarantineCopies copies;
    private final AtomicInteger opened = new AtomicInteger();

    @BeforeEach
    void open() throws Exception {
        GeneratedKey analyst = PGP.generateKey("Analyst <a@tipline.example>", "pw".toCharArray());
        storage = Storage.open(TestDatabases.store(tmp), Clock.systemUTC());
        quarantines = storage.records().quarantines();
        copies = new QuarantineCopies(
                new AnalystSeal(PGP, () -> List.of(analyst.certificate()), storage.blobs()), quarantines);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private long entry(QuarantineReason reason) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return storage.records().quarantine(Channel.EMAIL, Instant.now(), reason.code(), key, Optional.empty());
    }

    private void keep(long id, QuarantineReason reason) throws IntakeException.TransientIo {
        copies.keep(new Outcome.Quarantined(id, reason), () -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(MAIL);
        });
    }

    private long blobFiles() throws IOException {
        if (TestDatabases.postgresql()) {
            return storage.records().referencedBlobs().size();
        }
        try (var files = Files.walk(tmp.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aReplayAfterTheCopyWasAttachedMakesNoSecondCopy() throws Exception {
        long id = entry(QuarantineReason.PLAINTEXT_REFUSED);

        keep(id, QuarantineReason.PLAINTEXT_REFUSED);
        String first = quarantines.get(id).orElseThrow().originalBlob().orElseThrow();
        keep(id, QuarantineReason.PLAINTEXT_REFUSED);

        assertThat(quarantines.get(id).orElseThrow().originalBlob()).contains(first);
        assertThat(opened).hasValue(1);
        assertThat(blobFiles()).isEqualTo(1);
    }

    @Test
    void floodsOversizedAndAutomatedMessagesKeepNoCopyAndAreNotEvenRead() throws Exception {
        long flood = entry(QuarantineReason.RATE_LIMITED);
        long big = entry(QuarantineReason.MESSAGE_TOO_LARGE);
        long bounce = entry(QuarantineReason.AUTOMATED);

        keep(flood, QuarantineReason.RATE_LIMITED);
        keep(big, QuarantineReason.MESSAGE_TOO_LARGE);
        keep(bounce, QuarantineReason.AUTOMATED);

        assertThat(quarantines.get(flood).orElseThrow().hasCopy()).isFalse();
        assertThat(quarantines.get(big).orElseThrow().hasCopy()).isFalse();
        assertThat(quarantines.get(bounce).orElseThrow().hasCopy()).isFalse();
        assertThat(opened).hasValue(0);
    }

    @Test
    void aDeletedEntryGetsNoCopyAndAFailedReadLeavesNoBlob() throws Exception {
        long deleted = entry(QuarantineReason.PLAINTEXT_REFUSED);
        quarantines.requestDelete(
                deleted, new AuditLog.Event("alice", Quarantines.DELETED, Optional.empty(), deleted, Instant.now()));
        long failing = entry(QuarantineReason.PLAINTEXT_REFUSED);

        keep(deleted, QuarantineReason.PLAINTEXT_REFUSED);
        assertThatThrownBy(
                        () -> copies.keep(new Outcome.Quarantined(failing, QuarantineReason.PLAINTEXT_REFUSED), () -> {
                            throw new IOException("connection lost");
                        }))
                .isInstanceOf(IntakeException.TransientIo.class);

        assertThat(quarantines.get(deleted).orElseThrow().hasCopy()).isFalse();
        assertThat(quarantines.get(failing).orElseThrow().hasCopy()).isFalse();
        assertThat(blobFiles()).isZero();
    }
}
