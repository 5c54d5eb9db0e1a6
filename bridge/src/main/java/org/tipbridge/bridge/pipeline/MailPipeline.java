// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.intake.mail.MailParser;
import org.tipbridge.bridge.intake.mail.ParsedMail;
import org.tipbridge.bridge.intake.mail.SignerDirectory;
import org.tipbridge.bridge.store.BlobRef;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.NewRecord;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.StoreException;

/**
 * The e-mail intake pipeline for one message, in order: parse (decrypt, verify, MIME, attachments
 * sealed as they stream), strip (sender becomes a handle), seal (record to the analysts), commit.
 * A message at fault is quarantined; a local I/O failure is thrown so nothing is acknowledged.
 */
public final class MailPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(MailPipeline.class);
    private final MailParser parse;
    private final StripMail strip;
    private final AnalystSeal seal;
    private final RecordCodec codec;
    private final RecordStore store;
    private final CoarseClock clock;
    private final MappingSecrets secrets;
    private final SignerDirectory signers;
    private final CommitBatch batch;
    private final AckPolicy acks;

    public MailPipeline(
            MailParser parse,
            StripMail strip,
            AnalystSeal seal,
            RecordStore store,
            CoarseClock clock,
            MappingSecrets secrets,
            SignerDirectory signers,
            AckPolicy acks) {
        this.parse = parse;
        this.strip = strip;
        this.seal = seal;
        this.codec = new RecordCodec();
        this.store = store;
        this.clock = clock;
        this.secrets = secrets;
        this.signers = signers;
        this.batch = new CommitBatch(store, seal);
        this.acks = acks;
    }

    /** Runs one message through every stage; {@code upstreamId} names it in the mailbox (no sender data). */
    public Outcome ingest(InputStream raw, String upstreamId) throws IntakeException.TransientIo {
        Instant received = clock.now();
        ParsedMail mail;
        try {
            mail = parse.parse(raw, signers);
        } catch (IntakeException.Rejected e) {
            LOG.debug("message rejected", e);
            return quarantine(upstreamId, received, e.reason());
        } catch (IntakeException.TransientIo e) {
            throw e;
        } catch (IntakeException e) {
            throw new IllegalStateException("unknown intake failure", e);
        } catch (RuntimeException e) {
            LOG.warn("message could not be processed and goes to quarantine", e);
            return quarantine(upstreamId, received, QuarantineReason.PROCESSING_FAILED);
        }
        try {
            return afterParse(mail, upstreamId, received);
        } catch (RuntimeException e) {
            abandon(mail);
            throw new IntakeException.TransientIo("processing after parsing failed", e);
        }
    }

    /** Re-runs released quarantined messages through this pipeline's stages (decision 28). */
    public MailRelease release() {
        return new MailRelease(parse, strip, seal, store, clock, signers, acks);
    }

    /** Quarantines a message the mailbox reports as larger than the limit, without fetching it. */
    public Outcome rejectOversize(String upstreamId) throws IntakeException.TransientIo {
        return quarantine(upstreamId, clock.now(), QuarantineReason.MESSAGE_TOO_LARGE);
    }

    /**
     * Quarantines messages that were over a rate limit ({@code rate-limited}): rows only, no copy
     * of the message, all in one transaction. Keyed like every e-mail quarantine row by upstream
     * id, so a replay adds nothing.
     */
    public List<Long> rateLimited(List<String> upstreamIds) throws IntakeException.TransientIo {
        List<byte[]> keys = upstreamIds.stream().map(this::quarantineKey).toList();
        try {
            return store.quarantineAll(Channel.EMAIL, clock.now(), QuarantineReason.RATE_LIMITED.code(), keys);
        } catch (RuntimeException e) {
            throw new IntakeException.TransientIo("quarantine could not be written", e);
        }
    }

    /**
     * Whether this message has a rate-limited quarantine row already (one indexed read): committed on an
     * earlier pass that could not move it out of the mailbox, e.g. over a rate limit before a
     * restart. Such a message is moved again, not taken as a tip or charged to a rate limit.
     */
    public boolean quarantinedBefore(String upstreamId) throws IntakeException.TransientIo {
        try {
            // Only a rate-limited entry short-cuts the pipeline: an entry for another reason may
            // still lack its sealed copy, which the pipeline's own replay attaches (decision 27).
            return store.quarantines()
                    .byDedupeKey(quarantineKey(upstreamId))
                    .filter(e -> e.reasonCode().equals(QuarantineReason.RATE_LIMITED.code()))
                    .isPresent();
        } catch (RuntimeException e) {
            throw new IntakeException.TransientIo("the store could not be read", e);
        }
    }

    private byte[] quarantineKey(String upstreamId) {
        return secrets.dedupeKey(Channel.EMAIL, "quarantine:" + upstreamId, new byte[0]);
    }

    private Outcome afterParse(ParsedMail mail, String upstreamId, Instant received)
            throws IntakeException.TransientIo {
        Tip tip;
        try {
            tip = strip.strip(mail, received);
        } catch (IntakeException.Rejected e) {
            abandon(mail);
            return quarantine(upstreamId, received, e.reason());
        } catch (StoreException e) {
            abandon(mail);
            throw new IntakeException.TransientIo("the handle mapping could not be written", e);
        }
        if (isDuplicate(tip)) {
            abandon(mail);
            return new Outcome.Duplicate();
        }
        return sealAndQueue(tip, mail);
    }

    private boolean isDuplicate(Tip tip) throws IntakeException.TransientIo {
        try {
            return store.contains(tip.dedupeKey());
        } catch (StoreException e) {
            throw new IntakeException.TransientIo("the store could not be read", e);
        }
    }

    /** Seals the record and adds it to the batch that {@link #flush()} commits. */
    private Outcome sealAndQueue(Tip tip, ParsedMail mail) throws IntakeException.TransientIo {
        byte[] record;
        try {
            record = seal.seal(codec.encode(tip));
        } catch (IOException e) {
            abandon(mail);
            throw new IntakeException.TransientIo("sealing the record failed", e);
        }
        boolean full = batch.add(newRecord(tip, record, acks));
        return new Outcome.Prepared(full);
    }

    /** The record to commit for {@code tip}, sealed as {@code record}, with its attachments' blobs. */
    static NewRecord newRecord(Tip tip, byte[] record, AckPolicy acks) {
        List<BlobRef> attachments =
                tip.attachments().stream().flatMap(a -> a.blobs().stream()).toList();
        return new NewRecord(
                tip.handle(),
                tip.channel(),
                tip.received(),
                tip.dedupeKey(),
                record,
                attachments,
                acks.request(tip),
                tip.attachments().size());
    }

    /**
     * Commits every record prepared since the last flush, in one transaction. Only after this
     * returns may the messages behind them be deleted upstream. Returns true when a committed
     * record asked for an acknowledgement (so the outbox has something to send).
     */
    public boolean flush() throws IntakeException.TransientIo {
        return batch.flush();
    }

    private Outcome quarantine(String upstreamId, Instant received, QuarantineReason reason)
            throws IntakeException.TransientIo {
        byte[] key = quarantineKey(upstreamId);
        try {
            long id = store.quarantine(Channel.EMAIL, received, reason.code(), key, Optional.empty());
            LOG.warn("message quarantined as {} ({})", id, reason.code());
            return new Outcome.Quarantined(id, reason);
        } catch (RuntimeException e) {
            throw new IntakeException.TransientIo("quarantine could not be written", e);
        }
    }

    private void abandon(ParsedMail mail) {
        // Attachments were sealed into blobs before the record existed; with no record they are orphans.
        // The blob sweep at start-up removes any that a crash leaves behind.
        mail.attachments().forEach(a -> a.blobs().forEach(seal::discard));
    }
}
