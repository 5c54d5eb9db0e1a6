// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The record store over portable SQL, for either engine: each method is one transaction of the
 * engine's {@link Transactor}, committed before it returns. {@link SqliteRecordStore} opens it on
 * SQLite, {@code PostgresRecordStore} on PostgreSQL.
 */
public final class SqlRecordStore implements RecordStore {

    private static final String CHANGE_STATUS =
            "UPDATE records SET status = ?, touched_at = ?, closed_at = ? WHERE id = ?";
    /** Closing a record already closed keeps when it was first closed (closed_days counts from it). */
    private static final String CLOSE = "UPDATE records SET status = ?, touched_at = ?,"
            + " closed_at = CASE WHEN status = 'closed' AND closed_at IS NOT NULL THEN closed_at ELSE ? END"
            + " WHERE id = ?";

    private final Transactor tx;
    private final SqlOutbox outbox;
    private final SqlGroupNotices groupNotices;
    private final SqlAuditLog audit;
    private final SqlCases cases;
    private final SqlRetention retention;
    private final SqlQuarantines quarantines;

    SqlRecordStore(Transactor tx) {
        this.tx = tx;
        this.outbox = new SqlOutbox(tx);
        this.groupNotices = new SqlGroupNotices(tx);
        this.audit = new SqlAuditLog(tx);
        this.cases = new SqlCases(tx);
        this.retention = new SqlRetention(tx);
        this.quarantines = new SqlQuarantines(tx);
    }

    @Override
    public CommitResult commit(NewRecord record) {
        return inTransaction("commit a record", c -> RecordSql.commit(c, record));
    }

    @Override
    public List<CommitResult> commitAll(List<NewRecord> records) {
        return inTransaction("commit records", c -> RecordSql.commitAll(c, records));
    }

    @Override
    public boolean contains(byte[] dedupeKey) {
        return inTransaction(
                "look up a dedupe key",
                c -> RecordSql.idByDedupeKey(c, dedupeKey).isPresent()
                        || QuarantineSql.idByDedupeKey(c, dedupeKey).isPresent());
    }

    @Override
    public List<RecordSummary> list(int limit) {
        return inTransaction("list records", c -> RecordSql.list(c, limit));
    }

    @Override
    public Optional<StoredRecord> get(long id) {
        return inTransaction("read a record", c -> RecordSql.get(c, id));
    }

    @Override
    public List<RecordSummary> listByHandle(String handle) {
        return inTransaction("list a conversation", c -> RecordSql.listByHandle(c, handle));
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public GroupNotices groupNotices() {
        return groupNotices;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public Cases cases() {
        return cases;
    }

    @Override
    public RetentionStore retention() {
        return retention;
    }

    @Override
    public void reclaim() {
        tx.runOutsideTransaction("reclaim deleted space", Reclaim::run);
    }

    @Override
    public boolean changeStatus(long id, String status, AuditLog.Event event) {
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("not a record status");
        }
        return inTransaction("change a record's status", c -> {
            String sql = STATUS_CLOSED.equals(status) ? CLOSE : CHANGE_STATUS;
            try (java.sql.PreparedStatement s = c.prepareStatement(sql)) {
                long at = event.at().getEpochSecond();
                s.setString(1, status);
                s.setLong(2, at);
                if (STATUS_CLOSED.equals(status)) {
                    s.setLong(3, at);
                } else {
                    s.setNull(3, java.sql.Types.BIGINT);
                }
                s.setLong(4, id);
                if (s.executeUpdate() != 1) {
                    return false;
                }
            }
            SqlAuditLog.insert(c, event);
            return true;
        });
    }

    @Override
    public int quarantineCount() {
        return inTransaction("count quarantine entries", c ->
                (int) Sql.optionalLong(c, "SELECT COUNT(*) FROM quarantine").orElse(0));
    }

    @Override
    public int count() {
        return inTransaction("count records", RecordSql::count);
    }

    @Override
    public long quarantine(
            Channel channel, Instant received, String reasonCode, byte[] dedupeKey, Optional<BlobRef> sealedOriginal) {
        byte[] key = DedupeKeys.checked(dedupeKey);
        return inTransaction(
                "quarantine a message",
                c -> QuarantineSql.insert(c, channel, received, reasonCode, key, sealedOriginal));
    }

    @Override
    public Quarantines quarantines() {
        return quarantines;
    }

    @Override
    public List<Long> quarantineAll(Channel channel, Instant received, String reasonCode, List<byte[]> dedupeKeys) {
        List<byte[]> keys = dedupeKeys.stream().map(DedupeKeys::checked).toList();
        return inTransaction("quarantine rate-limited messages", c -> {
            List<Long> ids = new ArrayList<>(keys.size());
            for (byte[] key : keys) {
                ids.add(QuarantineSql.insert(c, channel, received, reasonCode, key, Optional.empty()));
            }
            return ids;
        });
    }

    @Override
    public List<QuarantineEntry> quarantined(int limit) {
        return inTransaction("list quarantine", c -> QuarantineSql.list(c, limit));
    }

    @Override
    public Set<String> referencedBlobs() {
        return inTransaction("list referenced blobs", RecordSql::referencedBlobs);
    }

    @Override
    public Optional<HandleMapping> findMapping(byte[] lookupKey) {
        return inTransaction("find a handle mapping", c -> MappingSql.byLookupKey(c, lookupKey));
    }

    @Override
    public Optional<HandleMapping> findByHandle(String handle) {
        return inTransaction("find a handle mapping", c -> MappingSql.byHandle(c, handle));
    }

    @Override
    public HandleMapping createMapping(byte[] lookupKey, String handle, byte[] sealedReplyAddress, Instant now) {
        return inTransaction(
                "create a handle mapping", c -> MappingSql.create(c, lookupKey, handle, sealedReplyAddress, now));
    }

    @Override
    public void updateMapping(String handle, byte[] sealedReplyAddress, Instant now) {
        boolean updated =
                inTransaction("update a handle mapping", c -> MappingSql.update(c, handle, sealedReplyAddress, now));
        if (!updated) {
            throw new StoreException("no mapping for that handle");
        }
    }

    /** SQLite only: the connection's durability and privacy settings (pragma name to value), for checks. */
    Map<String, String> settings() {
        return inTransaction("read the database settings", c -> {
            Map<String, String> out = new TreeMap<>();
            for (String pragma : List.of("journal_mode", "synchronous", "secure_delete", "foreign_keys")) {
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
                    out.put(pragma, rs.next() ? rs.getString(1) : "");
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        tx.close();
    }

    private <T> T inTransaction(String what, Transactor.Work<T> work) {
        return tx.run(what, work);
    }
}
