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
 * after each pass: a released message is found in the quarantine folder by the place its entry
 * recorded (UIDVALIDITY and UID), run through the pipeline with the override, committed, marked
 * released, then expunged; a deleted entry's message is expunged, then the row removed; messages
 * whose entry retention deleted are expunged. Every step is safe to repeat after a crash.
 */
public final class QuarantineRequests {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineRequests.class);
    static final String ORIGINAL_MISSING = "original-missing";
    private static final int BATCH = 20;
    /** The most releases run in one pass, so new mail is not held up behind them. */
    static final int MAX_RELEASES = 5;

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

    public QuarantineRequests(
            Quarantines store, Releaser releaser, Consumer<String> deleteBlob, long maxBytes, Clock clock) {
        this.store = store;
        this.releaser = releaser;
        this.deleteBlob = deleteBlob;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /**
     * Records where a quarantined message landed (see {@link ImapSession#moveToQuarantine}). A
     * failure is logged, not thrown: the message has moved already and stays in the folder for
     * the operator; its entry cannot be released (original-missing).
     */
    void located(long entryId, QuarantineEntry.Location where) {
        try {
            if (!store.located(entryId, where)) {
                LOG.warn("quarantine entry {} is gone; its message stays in the quarantine folder", entryId);
            }
        } catch (RuntimeException e) {
            LOG.warn("quarantine entry {}: its place in the quarantine folder was not recorded", entryId, e);
        }
    }

    /** {@link #located} for a flood's batch, in one transaction; a failure is logged, as there. */
    void locatedAll(java.util.Map<Long, QuarantineEntry.Location> places) {
        try {
            store.locatedAll(places);
        } catch (RuntimeException e) {
            LOG.warn("{} rate-limited quarantine entries: their places were not recorded", places.size(), e);
        }
    }

    /** Acts on the pending requests; one that fails for a passing reason stays pending for the next pass. */
    void run(ImapSession session) throws MessagingException {
        List<QuarantineEntry> pending = store.pending(BATCH);
        List<QuarantineEntry.Location> retained = store.expungeQueue(BATCH);
        if (pending.isEmpty() && retained.isEmpty()) {
            return;
        }
        try (QuarantineFolder folder = session.openQuarantineFolder()) {
            int releases = 0;
            for (QuarantineEntry entry : pending) {
                boolean release = entry.state().equals(QuarantineEntry.STATE_RELEASE_REQUESTED);
                if (release && releases >= MAX_RELEASES) {
                    continue;
                }
                releases += release ? 1 : 0;
                try {
                    act(folder, entry);
                } catch (IntakeException.TransientIo | IOException | RuntimeException e) {
                    LOG.warn("quarantine entry {}: the request could not be completed; retrying later", entry.id(), e);
                }
            }
            expungeRetained(folder, retained);
        }
    }

    /** Expunges the messages whose entry retention deleted, then forgets them (no message outlives its entry). */
    private void expungeRetained(QuarantineFolder folder, List<QuarantineEntry.Location> places)
            throws MessagingException {
        if (places.isEmpty()) {
            return;
        }
        if (folder != null) {
            folder.expungeAll(places);
        }
        try {
            store.expungeDone(places);
            LOG.info("expunged {} quarantined message(s) whose entry retention deleted", places.size());
        } catch (StoreException e) {
            LOG.warn("expunged quarantined messages could not be forgotten; trying again later", e);
        }
    }

    private void act(QuarantineFolder folder, QuarantineEntry entry)
            throws MessagingException, IntakeException.TransientIo, IOException {
        if (entry.state().equals(QuarantineEntry.STATE_DELETE_REQUESTED)) {
            expungeOriginal(folder, entry);
            store.remove(entry.id()).ifPresent(deleteBlob);
            LOG.info("quarantine entry {} deleted", entry.id());
        } else if (entry.state().equals(QuarantineEntry.STATE_RELEASED)) {
            expungeOriginal(folder, entry);
            store.expunged(entry.id());
        } else {
            Optional<Message> found = folder == null || entry.location().isEmpty()
                    ? Optional.empty()
                    : folder.at(entry.location().get());
            if (found.isEmpty()) {
                failed(entry, ORIGINAL_MISSING);
            } else {
                release(folder, entry, found.get());
            }
        }
    }

    /** The entry's message leaves the quarantine folder (again, after a crash: then it may be gone already). */
    private static void expungeOriginal(QuarantineFolder folder, QuarantineEntry entry) throws MessagingException {
        if (folder != null && entry.location().isPresent()) {
            folder.expunge(entry.location().get());
        }
    }

    private void release(QuarantineFolder folder, QuarantineEntry entry, Message found)
            throws MessagingException, IntakeException.TransientIo, IOException {
        Optional<ReleaseOverride> override =
                ReleaseOverride.forCode(entry.override().orElse(entry.reasonCode()));
        if (override.isEmpty()) {
            failed(entry, "not-releasable");
            return;
        }
        LOG.info(
                "quarantine entry {} re-run with override {}",
                entry.id(),
                override.get().reason().code());
        MailRelease.Result result;
        try (InputStream raw = folder.open(found, maxBytes)) {
            result = releaser.release(raw, override.get());
        }
        if (result instanceof MailRelease.Result.Recorded recorded) {
            if (store.released(entry.id(), recorded.recordId(), clock.instant())) {
                expungeOriginal(folder, entry);
                store.expunged(entry.id());
            } else {
                LOG.info("quarantine entry {} changed during its release; the next pass acts on it", entry.id());
            }
        } else if (result instanceof MailRelease.Result.Refused refused) {
            failed(entry, refused.reason().code());
        }
    }

    private void failed(QuarantineEntry entry, String detail) {
        if (store.releaseFailed(entry.id(), detail, clock.instant())) {
            LOG.warn("quarantine entry {} not released ({})", entry.id(), detail);
        }
    }
}
