// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Retention in the records database, sharing its connection and transactions. */
final class SqlRetention implements RetentionStore {

    private final Transactor tx;

    SqlRetention(Transactor tx) {
        this.tx = tx;
    }

    @Override
    public List<RecordTimes> candidates(RecordCutoffs cutoffs, long afterId, int limit) {
        return tx.run("find expired records", c -> RetentionSql.candidates(c, cutoffs, afterId, limit));
    }

    @Override
    public RecordBatch purgeRecords(RecordCutoffs cutoffs, Verdict verdict, long afterId, int limit, String actor) {
        return tx.run("delete expired records", c -> purge(c, cutoffs, verdict, afterId, limit, actor));
    }

    private static RecordBatch purge(
            Connection c, RecordCutoffs cutoffs, Verdict verdict, long afterId, int limit, String actor)
            throws SQLException {
        List<RecordTimes> candidates = RetentionSql.candidates(c, cutoffs, afterId, limit);
        long lastId = candidates.isEmpty()
                ? afterId
                : candidates.get(candidates.size() - 1).id();
        return deleteDue(c, candidates, cutoffs, verdict, actor, lastId, candidates.size() >= limit);
    }

    /**
     * Deletes the candidates the verdict finds due and that are still due when deleted (the DELETE
     * checks the hold and the cutoffs itself, so a candidate read earlier and held since stays);
     * only a record actually deleted gives its blobs, outbox entries and a {@link #PURGED} event.
     */
    static RecordBatch deleteDue(
            Connection c,
            List<RecordTimes> candidates,
            RecordCutoffs cutoffs,
            Verdict verdict,
            String actor,
            long lastId,
            boolean more)
            throws SQLException {
        List<PurgedRecord> purged = new ArrayList<>();
        Set<String> blobs = new HashSet<>();
        Map<String, Instant> newestByHandle = new TreeMap<>();
        int outboxDeleted = 0;
        for (RecordTimes r : candidates) {
            Optional<String> rule = verdict.rule(r);
            Optional<RetentionSql.Deleted> deleted =
                    rule.isEmpty() ? Optional.empty() : RetentionSql.deleteIfDue(c, r, cutoffs);
            if (deleted.isEmpty()) {
                continue;
            }
            blobs.addAll(deleted.get().blobs());
            outboxDeleted += deleted.get().outboxEntries();
            SqlAuditLog.insert(c, new AuditLog.Event(actor, PURGED, rule, r.id(), cutoffs.now()));
            purged.add(new PurgedRecord(r.id(), r.handle(), rule.get()));
            newestByHandle.merge(r.handle(), r.received(), (a, b) -> a.isAfter(b) ? a : b);
        }
        MappingBatch mappings = MappingExpirySql.expireEmptied(c, newestByHandle, cutoffs.now())
                .plus(new MappingBatch(0, 0, outboxDeleted));
        return new RecordBatch(purged, blobs, lastId, more, mappings);
    }

    @Override
    public Optional<RecordTimes> times(long id) {
        return tx.run("read a record's retention times", c -> RetentionSql.times(c, id));
    }

    @Override
    public boolean hold(long id, Optional<Instant> until, AuditLog.Event event) {
        return tx.run("hold a record", c -> {
            if (!RetentionSql.hold(c, id, until)) {
                return false;
            }
            SqlAuditLog.insert(c, event);
            return true;
        });
    }

    @Override
    public int attachmentCount(List<Long> recordIds) {
        return tx.run("count expired records' attachments", c -> RetentionSql.attachmentCount(c, recordIds));
    }

    @Override
    public List<String> mappingsDue(MappingCutoffs cutoffs) {
        return tx.run("find expired mappings", c -> MappingExpirySql.due(c, cutoffs));
    }

    @Override
    public MappingBatch expireMappings(MappingCutoffs cutoffs, Instant now) {
        return tx.run("destroy expired mappings", c -> MappingExpirySql.expire(c, cutoffs, now));
    }

    @Override
    public int quarantineDue(Instant receivedBy) {
        return tx.run("count expired quarantine entries", c -> RetentionSql.quarantineDue(c, receivedBy));
    }

    @Override
    public QuarantineBatch purgeQuarantine(Instant receivedBy, int limit) {
        return tx.run("delete expired quarantine entries", c -> RetentionSql.purgeQuarantine(c, receivedBy, limit));
    }
}
