// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.conf.StoreConfig;

/** Send claims: set by queued -> sending, cleared by every way out of it, and what recovery takes. */
class SqlOutboxClaimsTest {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:37Z");
    private static final String HANDLE = "amber-otter-7K4QX";

    @TempDir
    Path tmp;

    private StoreConfig config;
    private RecordStore store;
    private Outbox outbox;

    @BeforeEach
    void open() {
        config = TestDatabases.store(tmp);
        store = RecordStore.open(config);
        outbox = store.outbox();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void claimRecordsTheClaimantAndTheExactSecond() {
        long id = sending("node-a", T0);

        assertThat(rawClaim(id)).containsExactly("node-a", Long.toString(T0.getEpochSecond()));
    }

    @Test
    void everyWayOutOfSendingClearsTheClaim() {
        long sent = sending("node-a", T0);
        long failed = sending("node-a", T0);
        long retried = sending("node-a", T0);
        long keptTrust = sending("node-a", T0);
        long held = sending("node-a", T0);
        long recovered = sending("node-a", T0);
        long cancelled = sending("node-a", T0);

        assertThat(outbox.markSent(sent, T0)).isTrue();
        assertThat(outbox.markFailed(failed, "smtp-rejected", T0)).isTrue();
        assertThat(outbox.markRetry(retried, T0.plusSeconds(60), "smtp-unreachable", T0))
                .isTrue();
        assertThat(outbox.markRetryKeepingTrust(keptTrust, T0.plusSeconds(60), "internal-error", T0))
                .isTrue();
        assertThat(outbox.markNeedsDecision(held, "no-key", T0)).isTrue();
        assertThat(outbox.recoverAbandoned("node-a", T0, T0)).isEqualTo(2);
        assertThat(outbox.markSending(cancelled, new SendClaim("node-a", T0), T0))
                .isTrue();
        assertThat(outbox.markRetry(cancelled, T0, "smtp-unreachable", T0)).isTrue();
        assertThat(outbox.cancel(cancelled, T0)).isTrue();

        for (long id : List.of(sent, failed, retried, keptTrust, held, recovered, cancelled)) {
            assertThat(rawClaim(id)).as("entry %d", id).containsExactly(null, null);
        }
    }

    @Test
    void recoveryAtStartClearsEveryClaim() {
        long a = sending("node-a", T0);
        long b = sending("node-b", T0);

        assertThat(outbox.recoverInterrupted(T0)).isEqualTo(2);

        assertThat(rawClaim(a)).containsExactly(null, null);
        assertThat(rawClaim(b)).containsExactly(null, null);
    }

    @Test
    void recoveryTakesOwnLeftoversAndStaleClaimsButNotAFreshClaimOfAnother() {
        long own = sending("node-a", T0);
        long fresh = sending("node-b", T0);
        long stale = sending("node-b", T0.minusSeconds(1));
        long unclaimed = sending("node-b", T0);
        clearClaim(unclaimed);

        assertThat(outbox.recoverAbandoned("node-a", T0, T0)).isEqualTo(3);

        assertThat(status(own)).isEqualTo(OutboxStatus.QUEUED);
        assertThat(status(stale)).isEqualTo(OutboxStatus.QUEUED);
        assertThat(status(unclaimed)).isEqualTo(OutboxStatus.QUEUED);
        assertThat(status(fresh)).isEqualTo(OutboxStatus.SENDING);
        assertThat(rawClaim(fresh)).containsExactly("node-b", Long.toString(T0.getEpochSecond()));
    }

    private long sending(String claimant, Instant at) {
        long id = outbox.queueReply(
                new NewReply(HANDLE, Channel.EMAIL, bytes("for-bridge"), bytes("for-analysts"), false, T0));
        assertThat(outbox.markSending(id, new SendClaim(claimant, at), T0)).isTrue();
        return id;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private OutboxStatus status(long id) {
        return outbox.get(id).orElseThrow().status();
    }

    /** An entry left sending by a version before claims. */
    private void clearClaim(long id) {
        try (var c = TestDatabases.connect(config);
                var s = c.prepareStatement("UPDATE outbox SET claimed_by = NULL, claimed_at = NULL WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> rawClaim(long id) {
        try (var c = TestDatabases.connect(config);
                var s = c.prepareStatement("SELECT claimed_by, claimed_at FROM outbox WHERE id = ?")) {
            s.setLong(1, id);
            try (var rs = s.executeQuery()) {
                rs.next();
                List<String> out = new ArrayList<>();
                out.add(rs.getString(1));
                out.add(rs.getObject(2) == null ? null : Long.toString(rs.getLong(2)));
                return out;
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
