// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.imap;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.MailRelease;
import org.tipbridge.bridge.pipeline.ReleaseOverride;
import org.tipbridge.bridge.store.QuarantineEntry;
import org.tipbridge.bridge.store.Quarantines;
import org.tipbridge.bridge.store.StoreException;

/**
 * The mailbox side of the analysts' quarantine requests (decision 28), run by the mailbox holder
 * after each pass: a released message is found in the quarantine folder by its entry's keyword,
 * run through the pipeline with the override, committed, marked released, then expunged; a deleted
 * entry's message is expunged, then the row removed. Every step is safe to repeat after a crash.
 */
public final class QuarantineRequests {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineRequests.class);
    static final String ORIGINAL_MISSING = "original-missing";
    private static final int BATCH = 20;
    /** How often the folder is swept for messages whose entry is gone, and how many of its oldest are looked at. */
    private static final java.time.Duration SWEEP_EVERY = java.time.Duration.ofHours(1);

    private static final int SWEEP_MAX = 5000;

    /** Runs one released message through the pipeline (see {@link MailRelease}). */
    @FunctionalInterface
    public interface Releaser {
        MailRelease.Result release(InputStream raw, ReleaseOverride override) throws IntakeException.TransientIo;
    }

    private final Quarantines store;
    private final Releaser releaser;
    private final Consumer<String> deleteBlob;
    private final long maxBytes;
    private final Clock clock;
    private java.time.Instant lastSweep;

    public QuarantineRequests(
            Quarantines store, Releaser releaser, Consumer<String> deleteBlob, long maxBytes, Clock clock) {
        this.store = store;
        this.releaser = releaser;
        this.deleteBlob = deleteBlob;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** Acts on the pending requests; one that fails for a passing reason stays pending for the next pass. */
    void run(ImapSession session) throws MessagingException {
        List<QuarantineEntry> pending = store.pending(BATCH);
        boolean sweep = lastSweep == null || !clock.instant().isBefore(lastSweep.plus(SWEEP_EVERY));
        if (pending.isEmpty() && !sweep) {
            return;
        }
        try (QuarantineFolder folder = session.openQuarantineFolder()) {
            for (QuarantineEntry entry : pending) {
                try {
                    act(folder, entry);
                } catch (StoreException | IntakeException.TransientIo | IOException e) {
                    LOG.warn("quarantine entry {}: the request could not be completed; retrying later", entry.id(), e);
                }
            }
            if (sweep && folder != null) {
                try {
                    sweep(folder);
                } catch (StoreException e) {
                    LOG.warn("the quarantine folder could not be swept; trying again later", e);
                }
            }
        }
    }

    /**
     * Expunges messages whose entry is gone (retention deleted it): no message outlives its entry.
     * Only ids below the newest entry still in the folder count as gone, so a database restored from
     * an older backup does not cost the mailbox the messages it does not know yet.
     */
    private void sweep(QuarantineFolder folder) throws MessagingException {
        lastSweep = clock.instant();
        java.util.Map<Long, List<Message>> keyed = folder.keyed(SWEEP_MAX);
        if (keyed.isEmpty()) {
            return;
        }
        java.util.Set<Long> existing = store.existing(keyed.keySet());
        long newest = existing.stream().mapToLong(Long::longValue).max().orElse(-1);
        Message[] orphans = keyed.entrySet().stream()
                .filter(e -> e.getKey() < newest && !existing.contains(e.getKey()))
                .flatMap(e -> e.getValue().stream())
                .toArray(Message[]::new);
        folder.expunge(orphans);
        if (orphans.length > 0) {
            LOG.info("expunged {} quarantined message(s) whose entry retention deleted", orphans.length);
        }
    }

    private void act(QuarantineFolder folder, QuarantineEntry entry)
            throws MessagingException, IntakeException.TransientIo, IOException {
        Message[] found = folder == null ? new Message[0] : folder.find(entry.id());
        if (entry.state().equals(QuarantineEntry.STATE_DELETE_REQUESTED)) {
            if (folder != null) {
                folder.expunge(found);
            }
            store.remove(entry.id()).ifPresent(deleteBlob);
            LOG.info("quarantine entry {} deleted", entry.id());
        } else if (entry.state().equals(QuarantineEntry.STATE_RELEASED)) {
            expunge(folder, entry, found);
        } else if (found.length == 0) {
            store.releaseFailed(entry.id(), ORIGINAL_MISSING, clock.instant());
            LOG.warn("quarantine entry {} not released ({})", entry.id(), ORIGINAL_MISSING);
        } else {
            release(folder, entry, found);
        }
    }

    /** A released entry's message leaves the quarantine folder (again, after a crash: then it may be gone already). */
    private void expunge(QuarantineFolder folder, QuarantineEntry entry, Message[] found) throws MessagingException {
        if (folder != null) {
            folder.expunge(found);
        }
        store.expunged(entry.id());
    }

    private void release(QuarantineFolder folder, QuarantineEntry entry, Message[] found)
            throws MessagingException, IntakeException.TransientIo, IOException {
        Optional<ReleaseOverride> override =
                ReleaseOverride.forCode(entry.override().orElse(entry.reasonCode()));
        if (override.isEmpty()) {
            store.releaseFailed(entry.id(), "not-releasable", clock.instant());
            return;
        }
        LOG.info(
                "quarantine entry {} re-run with override {}",
                entry.id(),
                override.get().reason().code());
        MailRelease.Result result;
        try (InputStream raw = folder.open(found[0], maxBytes)) {
            result = releaser.release(raw, override.get());
        }
        if (result instanceof MailRelease.Result.Recorded recorded) {
            store.released(entry.id(), recorded.recordId(), clock.instant());
            expunge(folder, entry, found);
        } else if (result instanceof MailRelease.Result.Refused refused) {
            store.releaseFailed(entry.id(), refused.reason().code(), clock.instant());
            LOG.warn(
                    "quarantine entry {} not released ({})",
                    entry.id(),
                    refused.reason().code());
        }
    }
}
