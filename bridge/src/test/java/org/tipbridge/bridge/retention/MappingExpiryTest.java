// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tipbridge.bridge.retention.RetentionFixture.NOW;
import static org.tipbridge.bridge.retention.RetentionFixture.daysAgo;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tipbridge.bridge.handle.Handle;
import org.tipbridge.bridge.handle.Handles;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.handle.ReplyAddress;
import org.tipbridge.bridge.handle.ReplyAddressBox;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.HandleMapping;
import org.tipbridge.bridge.store.NewReply;
import org.tipbridge.bridge.store.OutboxEntry;
import org.tipbridge.bridge.store.OutboxStatus;
import org.tipbridge.bridge.store.StoreException;

class MappingExpiryTest extends FixtureTest {
    private static final byte[] LOOKUP = PurgeTest.key(7);
    private static final byte[] SEALED_REPLY = TraceScan.utf8("SEALED-REPLY-ADDRESS-MARKER");

    @Test
    void idleMappingIsDestroyedAndEntriesThatCouldLeaveAreCancelled() {
        f.mapping(HANDLE, LOOKUP, SEALED_REPLY, 61);
        f.record(HANDLE, 10, 0);
        long queued = reply("queued");
        long undecided = reply("undecided");
        f.store.outbox().markSending(undecided, NOW);
        f.store.outbox().markNeedsDecision(undecided, "no-source-key", NOW);
        f.sql("UPDATE outbox SET trust_sealed = ? WHERE id = ?", new byte[] {9}, undecided);
        long sending = reply("sending");
        f.store.outbox().markSending(sending, NOW);

        PurgeReport report = f.purge().run();

        assertThat(report.mappings()).isEqualTo(1);
        assertThat(report.outboxCancelled()).isEqualTo(2);
        assertThat(f.store.findByHandle(HANDLE)).isEmpty();
        assertThat(f.store.count()).isEqualTo(1);
        for (long id : new long[] {queued, undecided}) {
            OutboxEntry e = f.store.outbox().get(id).orElseThrow();
            assertThat(e.status()).isEqualTo(OutboxStatus.CANCELLED);
            assertThat(e.lastError()).contains("handle-expired");
        }
        assertThat(f.store.outbox().get(sending).orElseThrow().status()).isEqualTo(OutboxStatus.SENDING);
        assertThat(bridgeCopies()).isEqualTo(1);
        assertThat(f.count("SELECT COUNT(*) FROM outbox WHERE trust_sealed IS NOT NULL"))
                .isZero();
    }

    @Test
    void entryBeingSentIsCancelledOnTheNextRunOnceItLeftSending() {
        f.mapping(HANDLE, LOOKUP, SEALED_REPLY, 61);
        f.record(HANDLE, 10, 0);
        long sending = reply("sending");
        f.store.outbox().markSending(sending, NOW);
        f.purge().run();

        f.store.outbox().markRetry(sending, NOW.plusSeconds(60), "smtp-busy", NOW);
        PurgeReport second = f.purge().run();

        assertThat(second.outboxCancelled()).isEqualTo(1);
        assertThat(f.store.outbox().get(sending).orElseThrow().status()).isEqualTo(OutboxStatus.CANCELLED);
        assertThat(bridgeCopies()).isZero();
    }

    @Test
    void mappingSeenWithinHandleIdleDaysIsKept() {
        f.mapping(HANDLE, LOOKUP, SEALED_REPLY, 59);
        f.record(HANDLE, 10, 0);
        long queued = reply("queued");

        assertThat(f.purge().run().mappings()).isZero();
        assertThat(f.store.findByHandle(HANDLE)).isPresent();
        assertThat(f.store.outbox().get(queued).orElseThrow().status()).isEqualTo(OutboxStatus.QUEUED);
    }

    @Test
    void mappingGoesWithTheHandlesLastRecordAndItsOutboxIsDeleted() {
        f.mapping(HANDLE, LOOKUP, SEALED_REPLY, 100);
        f.record(HANDLE, 100, 0);
        long queued = reply("queued");
        long sending = reply("sending");
        f.store.outbox().markSending(sending, NOW);

        PurgeReport report =
                f.purge(RetentionPolicyTest.config(30, 90, 0, 14), NOW).run();

        assertThat(report.records()).hasSize(1);
        assertThat(report.mappings()).isEqualTo(1);
        assertThat(report.outboxDeleted()).isEqualTo(1);
        assertThat(f.store.findByHandle(HANDLE)).isEmpty();
        assertThat(f.store.outbox().get(queued)).isEmpty();
        assertThat(f.store.outbox().get(sending)).isPresent();
        f.store.outbox().markSent(sending, NOW);
        f.purge(RetentionPolicyTest.config(30, 90, 0, 14), NOW).run();
        assertThat(f.store.outbox().get(sending)).isEmpty();
    }

    @Test
    void mappingOfASenderSeenSinceTheLastRecordWaitsForTheOrphanGrace() {
        f.mapping(HANDLE, LOOKUP, SEALED_REPLY, 1);
        f.record(HANDLE, 100, 0);

        PurgeReport report =
                f.purge(RetentionPolicyTest.config(30, 90, 0, 14), NOW).run();

        assertThat(report.records()).hasSize(1);
        assertThat(f.store.findByHandle(HANDLE)).isPresent();
        assertThat(f.purge(RetentionPolicyTest.config(30, 90, 0, 14), NOW.plus(RetentionPolicy.ORPHAN_GRACE))
                        .run()
                        .mappings())
                .isEqualTo(1);
        assertThat(f.store.findByHandle(HANDLE)).isEmpty();
    }

    @Test
    void expiredHandleWithRecordsIsNeverGivenToAnotherSender() {
        f.mapping(HANDLE, LOOKUP, SEALED_REPLY, 61);
        f.record(HANDLE, 10, 0);
        f.purge().run();

        assertThatThrownBy(() -> f.store.createMapping(PurgeTest.key(8), HANDLE, SEALED_REPLY, NOW))
                .isInstanceOf(StoreException.HandleTaken.class);
    }

    @Test
    void afterExpiryNothingLinksTheOldHandleToTheSenderAndTheSenderGetsANewHandle() throws Exception {
        MappingSecrets secrets = MappingSecrets.generate(tmp.resolve("mapping.secrets"));
        Handles handles = new Handles(f.store, secrets, new ReplyAddressBox(secrets), new SecureRandom());
        byte[] sourceKey = TraceScan.utf8("SOURCE-CERTIFICATE-MARKER");
        ReplyAddress address =
                new ReplyAddress(Channel.EMAIL, "source@example.org", Optional.of(sourceKey), Optional.empty());
        Handle old = handles.assign(Channel.EMAIL, "source@example.org", address, daysAgo(61));
        HandleMapping mapping = f.store.findByHandle(old.value()).orElseThrow();
        f.record(old.value(), 100, 1);
        f.record(old.value(), 10, 1);
        long queued = reply(old.value(), "queued");
        f.sql("UPDATE outbox SET trust_sealed = ? WHERE id = ?", TraceScan.utf8("TRUST-MARKER"), queued);

        f.purge().run();
        f.store.reclaim();

        for (byte[] trace : new byte[][] {
            mapping.lookupKey(),
            mapping.sealedReplyAddress(),
            TraceScan.utf8("BRIDGE-COPY"),
            TraceScan.utf8("TRUST-MARKER")
        }) {
            assertThat(TraceScan.tables(f.config, trace)).isEmpty();
            assertThat(TraceScan.files(trace, f.blobDir, f.blobDir.resolveSibling("signal-spool"), f.db.getParent()))
                    .isEmpty();
        }
        assertThat(f.count("SELECT COUNT(*) FROM handle_mappings")).isZero();
        assertThat(f.store.listByHandle(old.value())).hasSize(1);
        Handle again = handles.assign(Channel.EMAIL, "source@example.org", address, NOW);
        assertThat(again.created()).isTrue();
        assertThat(again.value()).isNotEqualTo(old.value());
        assertThat(handles.replyAddress(old.value())).isEmpty();
    }

    @Test
    void traceScanFindsWhatIsStillThere() throws Exception {
        f.mapping(HANDLE, LOOKUP, SEALED_REPLY, 1);

        assertThat(TraceScan.tables(f.config, SEALED_REPLY)).containsExactly("\"handle_mappings\".sealed_reply");
        assertThat(TraceScan.tables(f.config, LOOKUP)).containsExactly("\"handle_mappings\".lookup_key");
    }

    @Test
    void repliesQueuedAfterAPurgedRecordGoWithItWhileTheHandleStaysActive() {
        f.mapping(HANDLE, LOOKUP, SEALED_REPLY, 1);
        f.record(HANDLE, 100, 0);
        long old = reply("after the old record");
        long sending = reply("being sent");
        f.store.outbox().markSending(sending, NOW);
        f.record(HANDLE, 1, 0);
        long recent = reply("after the recent record");

        PurgeReport report = f.purge().run();

        assertThat(report.records()).hasSize(1);
        assertThat(report.mappings()).isZero();
        assertThat(report.outboxDeleted()).isEqualTo(1);
        assertThat(f.store.findByHandle(HANDLE)).isPresent();
        assertThat(f.store.outbox().get(old)).isEmpty();
        assertThat(f.store.outbox().get(recent)).isPresent();
        assertThat(f.store.outbox().get(sending)).isPresent();
        f.store.outbox().markSent(sending, NOW);
        assertThat(f.purge().run().outboxDeleted()).isEqualTo(1);
        assertThat(f.store.outbox().get(sending)).isEmpty();
        assertThat(f.store.outbox().get(recent)).isPresent();
    }

    private long reply(String label) {
        return reply(HANDLE, label);
    }

    private long reply(String handle, String label) {
        return f.store
                .outbox()
                .queueReply(new NewReply(
                        handle,
                        Channel.EMAIL,
                        TraceScan.utf8("BRIDGE-COPY " + label),
                        TraceScan.utf8("analyst copy " + label),
                        false,
                        NOW));
    }

    private long bridgeCopies() {
        return f.count("SELECT COUNT(*) FROM outbox WHERE sealed_for_bridge IS NOT NULL");
    }
}
