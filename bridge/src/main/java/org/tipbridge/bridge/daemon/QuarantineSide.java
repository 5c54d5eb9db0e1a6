// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.time.Clock;
import org.tipbridge.bridge.intake.imap.QuarantineRequests;
import org.tipbridge.bridge.pipeline.AnalystSeal;
import org.tipbridge.bridge.pipeline.MailPipeline;
import org.tipbridge.bridge.pipeline.MailRelease;
import org.tipbridge.bridge.pipeline.QuarantineCopies;
import org.tipbridge.bridge.store.BlobStore;
import org.tipbridge.bridge.store.Quarantines;

/**
 * What the mailbox holder does for quarantined e-mail besides quarantining it: keep its redacted
 * sealed copy (decision 27) and act on the analysts' release and delete requests (decision 28).
 */
record QuarantineSide(QuarantineCopies copies, Quarantines store, BlobStore blobs, long maxMessageBytes) {

    QuarantineSide(AnalystSeal seal, Quarantines store, BlobStore blobs, long maxMessageBytes) {
        this(new QuarantineCopies(seal, store), store, blobs, maxMessageBytes);
    }

    /**
     * The requests of one lease term, released through that term's pipeline; a release that queued
     * an acknowledgement wakes the outbox, as any commit does.
     */
    QuarantineRequests requests(MailPipeline pipeline, Runnable wakeOutbox) {
        MailRelease release = pipeline.release();
        QuarantineRequests.Releaser releaser = (raw, override) -> {
            MailRelease.Result result = release.release(raw, override);
            if (result instanceof MailRelease.Result.Recorded recorded && recorded.queuedAck()) {
                wakeOutbox.run();
            }
            return result;
        };
        return new QuarantineRequests(store, releaser, blobs::delete, maxMessageBytes, Clock.systemUTC());
    }
}
