// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.store.RetentionStore.RecordBatch;
import org.tipbridge.bridge.store.RetentionStore.RecordCutoffs;
import org.tipbridge.bridge.store.RetentionStore.RecordTimes;
import org.tipbridge.conf.StoreConfig;

/**
 * A purge batch's SQL given a candidate list read earlier (store transactions are serialised, so the
 * public API cannot interleave a hold between the read and the delete; the DELETE must still not
 * trust a stale read), and the outbox settling of one batch.
 */
class RetentionBatchSqlTest {
    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String HANDLE = "amber-otter-7K4QX";
    private static final String OTHER = "brave-heron-9P2QM";
    private static final RecordCutoffs CUTOFFS =
            new RecordCutoffs(NOW, Optional.empty(), Optional.of(NOW.minus(Duration.ofDays(90))));
    private static final RetentionStore.Verdict ALWAYS_UNTOUCHED = r -> Optional.of("untouched");

    @TempDir
    Path tmp;

    private StoreConfig config;
    private RecordStore store;

    @BeforeEach
    void open() {
        config = TestDatabases.store(tmp);
        store = RecordStore.open(config);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void recordHeldAfterTheCandidatesWereReadIsNotDeleted() throws Exception {
        long id = oldRecord(HANDLE, 1);
        List<RecordTimes> stale = store.retention().candidates(CUTOFFS, 0, 10);
        sql(
                "UPDATE records SET keep_until = ? WHERE id = ?",
                NOW.plusSeconds(86_400).getEpochSecond(),
                id);

        RecordBatch batch = deleteDue(stale);

        assertThat(batch.purged()).isEmpty();
        assertThat(store.get(id)).isPresent();
        assertThat(store.audit().forRecord(id)).isEmpty();
    }

    @Test
    void recordTouchedAfterTheCandidatesWereReadIsNotDeleted() throws Exception {
        long id = oldRecord(HANDLE, 1);
        List<RecordTimes> stale = store.retention().candidates(CUTOFFS, 0, 10);
        sql("UPDATE records SET touched_at = ? WHERE id = ?", NOW.getEpochSecond(), id);

        assertThat(deleteDue(stale).purged()).isEmpty();
        assertThat(store.get(id)).isPresent();
    }

    @Test
    void twoPurgesOfTheSameCandidatesAuditTheDeletionOnce() throws Exception {
        long id = oldRecord(HANDLE, 1);
        List<RecordTimes> stale = store.retention().candidates(CUTOFFS, 0, 10);

        RecordBatch first = deleteDue(stale);
        RecordBatch second = deleteDue(stale);

        assertThat(first.purged()).extracting(RetentionStore.PurgedRecord::id).containsExactly(id);
        assertThat(second.purged()).isEmpty();
        assertThat(store.audit().forRecord(id)).hasSize(1);
    }

    @Test
    void aBatchSettlesOnlyTheOutboxOfItsOwnHandles() throws Exception {
        oldRecord(HANDLE, 1);
        long unrelated = store.outbox()
                .queueReply(new NewReply(OTHER, Channel.EMAIL, bytes("bridge"), bytes("analysts"), false, NOW));
        List<RecordTimes> stale = store.retention().candidates(CUTOFFS, 0, 10);

        deleteDue(stale);

        assertThat(store.outbox().get(unrelated)).isPresent();
        RetentionStore.MappingBatch global = store.retention()
                .expireMappings(
                        new RetentionStore.MappingCutoffs(Optional.empty(), NOW.minus(Duration.ofDays(2))), NOW);
        assertThat(global.outboxDeleted()).isEqualTo(1);
        assertThat(store.outbox().get(unrelated)).isEmpty();
    }

    private RecordBatch deleteDue(List<RecordTimes> candidates) throws SQLException {
        try (Connection c = TestDatabases.connect(config)) {
            return SqlRetention.deleteDue(c, candidates, CUTOFFS, ALWAYS_UNTOUCHED, "tester", 0, false);
        }
    }

    private long oldRecord(String handle, int n) throws SQLException {
        long id = store.commit(SqliteRecordStoreTest.record(handle, NOW.minus(Duration.ofDays(100)), n))
                .id();
        sql(
                "UPDATE records SET touched_at = ? WHERE id = ?",
                NOW.minus(Duration.ofDays(100)).getEpochSecond(),
                id);
        return id;
    }

    private void sql(String statement, long first, long second) throws SQLException {
        try (Connection c = TestDatabases.connect(config);
                PreparedStatement s = c.prepareStatement(statement)) {
            s.setLong(1, first);
            s.setLong(2, second);
            s.executeUpdate();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
