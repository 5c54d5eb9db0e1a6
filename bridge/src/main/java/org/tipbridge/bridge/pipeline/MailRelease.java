// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import java.io.IOException;
import java.io.InputStream;
import org.tipbridge.bridge.intake.mail.MailParser;
import org.tipbridge.bridge.intake.mail.ParsedMail;
import org.tipbridge.bridge.intake.mail.SignerDirectory;
import org.tipbridge.bridge.store.CommitResult;
import org.tipbridge.bridge.store.NewRecord;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.StoreException;

/**
 * Runs one quarantined e-mail an analyst released through the pipeline again, with the one check
 * its {@link ReleaseOverride} lifts (decision 28), and commits its record at once. Idempotent: the
 * record's dedupe key makes a re-run after a crash return the record committed before. A message
 * that is refused again writes no second quarantine entry: the outcome says why; a fault while
 * processing it (any runtime exception) is the refusal {@code processing-failed}.
 */
public final class MailRelease {
    private final MailParser parse;
    private final StripMail strip;
    private final AnalystSeal seal;
    private final RecordStore store;
    private final CoarseClock clock;
    private final SignerDirectory signers;
    private final AckPolicy acks;
    private final RecordCodec codec = new RecordCodec();

    public MailRelease(
            MailParser parse,
            StripMail strip,
            AnalystSeal seal,
            RecordStore store,
            CoarseClock clock,
            SignerDirectory signers,
            AckPolicy acks) {
        this.parse = parse;
        this.strip = strip;
        this.seal = seal;
        this.store = store;
        this.clock = clock;
        this.signers = signers;
        this.acks = acks;
    }

    /** What came of a release. */
    public sealed interface Result {
        /**
         * The message is (now, or since an earlier run) record {@code recordId}; {@code queuedAck}
         * when this run committed it with an acknowledgement for the outbox to send.
         */
        record Recorded(long recordId, boolean queuedAck) implements Result {}

        /** The pipeline refused it again, for {@code reason}. */
        record Refused(QuarantineReason reason) implements Result {}
    }

    public Result release(InputStream raw, ReleaseOverride override) throws IntakeException.TransientIo {
        ParsedMail mail;
        try {
            mail = override.acceptsPlaintext()
                    ? parse.parseAcceptingPlaintext(raw, signers)
                    : parse.parse(raw, signers);
        } catch (IntakeException.Rejected e) {
            return new Result.Refused(e.reason());
        } catch (IntakeException.TransientIo e) {
            throw e;
        } catch (IntakeException | RuntimeException e) {
            return new Result.Refused(QuarantineReason.PROCESSING_FAILED);
        }
        try {
            return commit(strip.strip(mail, clock.now()), mail);
        } catch (IntakeException.Rejected e) {
            discard(mail);
            return new Result.Refused(e.reason());
        } catch (IOException | StoreException e) {
            discard(mail);
            throw new IntakeException.TransientIo("the released message could not be committed", e);
        } catch (RuntimeException e) {
            // A fault in this message's processing must not stop the intake: the release fails.
            discard(mail);
            return new Result.Refused(QuarantineReason.PROCESSING_FAILED);
        }
    }

    private Result commit(Tip tip, ParsedMail mail) throws IOException {
        byte[] record = seal.seal(codec.encode(tip));
        NewRecord made = MailPipeline.newRecord(tip, record, acks);
        CommitResult result = store.commit(made);
        if (result.duplicate()) {
            discard(mail);
        }
        return new Result.Recorded(
                result.id(), !result.duplicate() && made.ack().isPresent());
    }

    private void discard(ParsedMail mail) {
        mail.attachments().forEach(a -> a.blobs().forEach(seal::discard));
    }
}
