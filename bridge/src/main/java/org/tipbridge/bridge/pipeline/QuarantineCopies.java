// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.store.QuarantineEntry;
import org.tipbridge.bridge.store.Quarantines;
import org.tipbridge.bridge.store.StoreException;

/**
 * Keeps a redacted copy of a quarantined e-mail sealed to the analysts (decision 27), after its
 * entry was committed and before the message is moved: an entry that has a copy already (a replay
 * after a crash) gets no second one. Floods, messages too large to fetch and automated mail get none.
 */
public final class QuarantineCopies {
    private static final Logger LOG = LoggerFactory.getLogger(QuarantineCopies.class);
    /**
     * Reasons kept without a copy: a flood must not cost disk; an oversized message was never
     * fetched; automated mail (a bounce, an auto-reply) may quote a source's address in its body.
     */
    static final Set<QuarantineReason> WITHOUT_COPY =
            Set.of(QuarantineReason.RATE_LIMITED, QuarantineReason.MESSAGE_TOO_LARGE, QuarantineReason.AUTOMATED);

    private final AnalystSeal seal;
    private final Quarantines store;

    public QuarantineCopies(AnalystSeal seal, Quarantines store) {
        this.seal = seal;
        this.store = store;
    }

    /** Re-opens the quarantined message from its start; at most {@link RedactedCopy#READ_MAX} bytes are read. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /** Seals and attaches the copy of entry {@code outcome} unless it needs none or has one. */
    public void keep(Outcome.Quarantined outcome, Source source) throws IntakeException.TransientIo {
        if (WITHOUT_COPY.contains(outcome.reason()) || !wanted(outcome.quarantineId())) {
            return;
        }
        AttachmentSealer.SealedBlob sealed = sealCopy(source);
        boolean attached;
        try {
            attached = store.attachCopy(outcome.quarantineId(), sealed.blob());
        } catch (StoreException e) {
            seal.discard(sealed.blob());
            throw new IntakeException.TransientIo("the quarantine copy could not be attached", e);
        }
        if (!attached) {
            seal.discard(sealed.blob());
        } else {
            LOG.info("quarantine entry {} keeps a sealed copy", outcome.quarantineId());
        }
    }

    private boolean wanted(long id) throws IntakeException.TransientIo {
        Optional<QuarantineEntry> entry;
        try {
            entry = store.get(id);
        } catch (StoreException e) {
            throw new IntakeException.TransientIo("the quarantine entry could not be read", e);
        }
        return entry.isPresent()
                && !entry.get().hasCopy()
                && !entry.get().state().equals(QuarantineEntry.STATE_DELETE_REQUESTED);
    }

    private AttachmentSealer.SealedBlob sealCopy(Source source) throws IntakeException.TransientIo {
        AttachmentSealer.Sealing sealing;
        try {
            sealing = seal.begin();
        } catch (IOException e) {
            throw new IntakeException.TransientIo("the quarantine copy could not be started", e);
        }
        try (InputStream raw = source.open()) {
            RedactedCopy.write(raw, sealing.plaintext());
            return sealing.finish();
        } catch (IOException | RuntimeException e) {
            sealing.abandon();
            throw new IntakeException.TransientIo("the quarantine copy could not be written", e);
        }
    }
}
