// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.signal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tipbridge.bridge.flood.ChannelFloods;
import org.tipbridge.bridge.flood.IntakeGuards;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.pipeline.AckPolicy;
import org.tipbridge.bridge.pipeline.AnalystSeal;
import org.tipbridge.bridge.pipeline.AttachmentSealer;
import org.tipbridge.bridge.pipeline.CoarseClock;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.bridge.pipeline.RecordCodec;
import org.tipbridge.bridge.pipeline.StripSignal;
import org.tipbridge.bridge.pipeline.Tip;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.CommitResult;
import org.tipbridge.bridge.store.NewRecord;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.Spool;
import org.tipbridge.conf.FloodsConfig;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.SecretKey;
import org.tipbridge.signal.EnvelopeParser;
import org.tipbridge.signal.SignalCliException;
import org.tipbridge.signal.SignalEnvelope;

/**
 * Takes spooled Signal envelopes, oldest first, through the same stages as e-mail: open (bridge
 * key), parse, keep only 1:1 data messages with text or attachments, seal attachments from
 * signal-cli's data directory, strip (ACI becomes a handle), seal the record, commit (with an
 * acknowledgement request), then delete signal-cli's attachment files and the spool item. A crash
 * anywhere replays the item; the dedupe key makes the replay a no-op. Group messages are not kept:
 * their attachment files are deleted and the group may get the one-time {@link GroupNotice}.
 */
public final class SignalPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(SignalPipeline.class);
    private static final int BATCH = 100;
    /** Runs in which an item failed while others succeeded, before it is set aside. */
    static final int MAX_FAILURES = 3;

    private final java.util.Map<String, Integer> failures = new java.util.HashMap<>();
    private final Spool spool;
    private final OpenPgp pgp;
    private final SecretKey bridgeKey;
    private final EnvelopeParser parser;
    private final SignalAttachments attachments;
    private final StripSignal strip;
    private final AnalystSeal seal;
    private final RecordStore store;
    private final CoarseClock clock;
    private final MappingSecrets secrets;
    private final AckPolicy acks;
    private final SignalCounters counters;
    private final GroupNotice groupNotice;
    private final IntakeGuards guards;
    private final LimitedBatch limited = new LimitedBatch();

    /** Everything the pipeline needs, in one place. */
    public record Parts(
            Spool spool,
            OpenPgp pgp,
            SecretKey bridgeKey,
            EnvelopeParser parser,
            SignalAttachments attachments,
            StripSignal strip,
            AnalystSeal seal,
            RecordStore store,
            CoarseClock clock,
            MappingSecrets secrets,
            AckPolicy acks,
            SignalCounters counters,
            GroupNotice groupNotice) {}

    public SignalPipeline(Parts parts) {
        this(parts, IntakeGuards.none());
    }

    /** A pipeline that checks {@code guards} (disk space before each item, rate limits before attachments). */
    public SignalPipeline(Parts parts, IntakeGuards guards) {
        this.guards = guards;
        this.spool = parts.spool();
        this.pgp = parts.pgp();
        this.bridgeKey = parts.bridgeKey();
        this.parser = parts.parser();
        this.attachments = parts.attachments();
        this.strip = parts.strip();
        this.seal = parts.seal();
        this.store = parts.store();
        this.clock = parts.clock();
        this.secrets = parts.secrets();
        this.acks = parts.acks();
        this.counters = parts.counters();
        this.groupNotice = parts.groupNotice();
    }

    /**
     * Processes every spooled envelope; returns true when a committed record asked for an
     * acknowledgement. An item that fails is skipped for this run and the rest go on; when others
     * succeed in the same run, its failure is its own (a poisoned item, not a full disk) and counts,
     * and after {@link #MAX_FAILURES} such runs it is set aside, still sealed, for the operator.
     * When every item fails, nothing counts and the failure is thrown (the system is at fault).
     */
    public synchronized boolean drain() throws IntakeException.TransientIo {
        boolean acknowledged = false;
        java.util.Set<String> skipped = new java.util.HashSet<>();
        List<String> ids = spool.pending(BATCH);
        while (!ids.isEmpty()) {
            List<String> failed = new ArrayList<>();
            IntakeException.TransientIo lastFailure = null;
            for (String id : ids) {
                if (!guards.disk().accepting()) {
                    settleLimited(failed);
                    return acknowledged; // disk nearly full: the item waits in the spool
                }
                try {
                    acknowledged |= process(id);
                    if (!limited.holds(id)) {
                        spool.delete(id);
                        failures.remove(id);
                    }
                } catch (IntakeException.TransientIo | RuntimeException e) {
                    failed.add(id);
                    lastFailure = new IntakeException.TransientIo("a spooled Signal envelope failed", e);
                }
            }
            IntakeException.TransientIo limitedFailure = settleLimited(failed);
            lastFailure = lastFailure != null ? lastFailure : limitedFailure;
            if (failed.size() == ids.size() && skipped.isEmpty()) {
                throw lastFailure;
            }
            failed.forEach(this::countFailure);
            skipped.addAll(failed);
            ids = spool.pending(BATCH + skipped.size()).stream()
                    .filter(id -> !skipped.contains(id))
                    .limit(BATCH)
                    .toList();
        }
        return acknowledged;
    }

    /**
     * Commits the rows of this pass's rate-limited items in one transaction, then deletes their
     * spool items (a crash between leaves them spooled; their rows make the replay a no-op).
     * On failure they are added to {@code failed} and stay spooled; returns that failure.
     */
    private IntakeException.TransientIo settleLimited(List<String> failed) {
        if (limited.isEmpty()) {
            return null;
        }
        List<String> ids = limited.spoolIds();
        try {
            store.quarantineAll(
                    Channel.SIGNAL, clock.now(), QuarantineReason.RATE_LIMITED.code(), limited.dedupeKeys());
        } catch (RuntimeException e) {
            failed.addAll(ids);
            return new IntakeException.TransientIo("rate-limited rows could not be written", e);
        } finally {
            limited.clear();
        }
        IntakeException.TransientIo failure = null;
        for (String id : ids) {
            try {
                spool.delete(id);
                failures.remove(id);
            } catch (RuntimeException e) {
                failed.add(id);
                failure = new IntakeException.TransientIo("a spooled Signal envelope could not be deleted", e);
            }
        }
        return failure;
    }

    private void countFailure(String id) {
        int count = failures.merge(id, 1, Integer::sum);
        if (count >= MAX_FAILURES) {
            spool.setAside(id);
            failures.remove(id);
            counters.countSetAside();
            LOG.warn("a spooled Signal envelope failed {} times and was set aside (still sealed)", count);
        }
    }

    private boolean process(String id) throws IntakeException.TransientIo {
        Instant received = clock.now();
        byte[] sealed = spool.read(id);
        byte[] itemKey = sha256(sealed);
        Optional<SignalEnvelope> envelope = open(sealed, itemKey, received);
        if (envelope.isEmpty()) {
            return false;
        }
        SignalEnvelope e = envelope.get();
        if (e.failure().isPresent()) {
            counters.countException();
            LOG.warn(
                    "signal-cli could not decrypt an envelope ({}); it may need an upgrade",
                    e.failure().get().type().orElse("unknown"));
            return false;
        }
        if (e.dataMessage().isPresent() && e.dataMessage().get().group().isPresent()) {
            counters.countGroup();
            attachments.deleteUnused(e.dataMessage().get().attachments());
            groupNotice.answer(e.dataMessage().get().group().get());
            return false;
        }
        if (!e.isDirectDataMessage() || isEmpty(e.dataMessage().get())) {
            counters.countIgnored();
            e.dataMessage().ifPresent(d -> attachments.deleteUnused(d.attachments()));
            return false;
        }
        if (limitedBefore(itemKey)) {
            attachments.deleteUnused(e.dataMessage().get().attachments());
            return false;
        }
        if (overLimit(e)) {
            rateLimited(id, itemKey, e.dataMessage().get());
            return false;
        }
        return ingest(itemKey, e, received);
    }

    private boolean overLimit(SignalEnvelope e) {
        return guards.floods().map(f -> !f.admit(StripSignal.aci(e))).orElse(false);
    }

    /**
     * Whether this item's {@code rate-limited} row is committed already (a crash came before its
     * spool item was deleted): then it is deleted without being charged again or taken as a tip,
     * however full the fresh buckets after a restart are. One indexed read.
     */
    private boolean limitedBefore(byte[] itemKey) {
        return guards.floods().isPresent() && store.contains(limitedKey(itemKey));
    }

    private byte[] limitedKey(byte[] itemKey) {
        return secrets.dedupeKey(Channel.SIGNAL, "quarantine", itemKey);
    }

    /**
     * A message over a rate limit: with policy quarantine a {@code rate-limited} row (no copy),
     * committed with the others of this pass by {@link #settleLimited}; with drop nothing; either
     * way its attachment files are deleted unread and it is counted.
     */
    private void rateLimited(String spoolId, byte[] itemKey, SignalEnvelope.DataMessage data) {
        ChannelFloods floods = guards.floods().orElseThrow();
        if (floods.policy() == FloodsConfig.Policy.QUARANTINE) {
            limited.add(spoolId, limitedKey(itemKey));
        }
        attachments.deleteUnused(data.attachments());
        floods.count().limited(1);
    }

    /**
     * The envelope, or empty when the item is not one: an unreadable line or an envelope the parser
     * refuses is counted and quarantined, redacted and sealed to the analysts (not to the bridge
     * key, which the server holds); the spool item is then deleted like any other.
     */
    private Optional<SignalEnvelope> open(byte[] sealed, byte[] itemKey, Instant received)
            throws IntakeException.TransientIo {
        byte[] plain = decrypt(sealed);
        try {
            if (plain.length > 0 && plain[0] == SignalSpoolSink.UNREADABLE_MARK) {
                quarantineKept(itemKey, received, plain, 1, counters::countUnreadable);
                return Optional.empty();
            }
            try {
                return Optional.of(parser.parse(plain));
            } catch (SignalCliException.Protocol e) {
                quarantineKept(itemKey, received, plain, 0, counters::countMalformed);
                return Optional.empty();
            }
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * Quarantines an unreadable item with its redacted bytes ({@link UnreadableLineRedactor}: the
     * source's text stays, identifiers go) sealed to the analysts. Counted once, not per replay.
     */
    private void quarantineKept(byte[] itemKey, Instant received, byte[] plain, int skip, Runnable count)
            throws IntakeException.TransientIo {
        byte[] key = secrets.dedupeKey(Channel.SIGNAL, "quarantine", itemKey);
        if (store.contains(key)) {
            return;
        }
        count.run();
        byte[] redacted = UnreadableLineRedactor.redact(plain, skip);
        AttachmentSealer.SealedBlob blob = null;
        try {
            blob = sealRedacted(redacted);
            long id = store.quarantine(
                    Channel.SIGNAL, received, QuarantineReason.MALFORMED_SIGNAL.code(), key, Optional.of(blob.blob()));
            LOG.warn("Signal message quarantined as {} (malformed-signal), identifiers removed", id);
        } catch (IOException | RuntimeException e) {
            if (blob != null) {
                seal.discard(blob.blob());
            }
            throw new IntakeException.TransientIo("an unreadable Signal message could not be quarantined", e);
        } finally {
            java.util.Arrays.fill(redacted, (byte) 0);
        }
    }

    private AttachmentSealer.SealedBlob sealRedacted(byte[] redacted) throws IOException {
        AttachmentSealer.Sealing sealing = seal.begin();
        try {
            sealing.plaintext().write(redacted);
            return sealing.finish();
        } catch (IOException | RuntimeException e) {
            sealing.abandon();
            throw e;
        }
    }

    private boolean ingest(byte[] itemKey, SignalEnvelope e, Instant received) throws IntakeException.TransientIo {
        SignalAttachments.Sealed sealed;
        try {
            sealed = attachments.seal(e.dataMessage().get().attachments(), e.sourceUuid());
        } catch (SignalAttachments.TooLarge tooLarge) {
            quarantine(itemKey, received, QuarantineReason.MESSAGE_TOO_LARGE);
            attachments.deleteUnused(e.dataMessage().get().attachments());
            return false;
        } catch (IOException io) {
            throw new IntakeException.TransientIo("sealing Signal attachments failed", io);
        }
        try {
            Tip tip = strip.strip(e, sealed.attachments(), sealed.notes(), received);
            CommitResult result = store.commit(new NewRecord(
                    tip.handle(),
                    Channel.SIGNAL,
                    tip.received(),
                    tip.dedupeKey(),
                    seal.seal(new RecordCodec().encode(tip)),
                    tip.attachments().stream().flatMap(a -> a.blobs().stream()).toList(),
                    acks.request(tip),
                    tip.attachments().size()));
            if (result.duplicate()) {
                sealed.attachments().forEach(a -> a.blobs().forEach(seal::discard));
            } else {
                counters.countTip();
            }
            attachments.delete(sealed.files());
            return !result.duplicate() && acks.enabled();
        } catch (IntakeException.Rejected rejected) {
            sealed.attachments().forEach(a -> a.blobs().forEach(seal::discard));
            quarantine(itemKey, received, rejected.reason());
            attachments.delete(sealed.files());
            return false;
        } catch (IOException | RuntimeException failure) {
            sealed.attachments().forEach(a -> a.blobs().forEach(seal::discard));
            throw new IntakeException.TransientIo("a Signal tip could not be committed", failure);
        }
    }

    private byte[] decrypt(byte[] sealed) throws IntakeException.TransientIo {
        try (InputStream in = new ByteArrayInputStream(sealed)) {
            DecryptingStream plain = pgp.decrypt(in, DecryptOptions.with(bridgeKey, 256L << 20));
            byte[] bytes = plain.readAllBytes();
            plain.close();
            return bytes;
        } catch (PgpException | IOException e) {
            throw new IntakeException.TransientIo("a spooled Signal envelope could not be opened", e);
        }
    }

    /** Quarantines an item; keyed by the hash of its sealed bytes, so a replay does not count twice. */
    private void quarantine(byte[] itemKey, Instant received, QuarantineReason reason) {
        byte[] key = secrets.dedupeKey(Channel.SIGNAL, "quarantine", itemKey);
        long id = store.quarantine(Channel.SIGNAL, received, reason.code(), key, Optional.empty());
        LOG.warn("Signal message quarantined as {} ({})", id, reason.code());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private static boolean isEmpty(SignalEnvelope.DataMessage data) {
        return data.message().map(String::isBlank).orElse(true)
                && data.attachments().isEmpty();
    }
}
