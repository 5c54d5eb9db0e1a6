// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;
import java.io.InputStream;
import org.apache.james.mime4j.MimeException;
import org.tipbridge.bridge.pipeline.AttachmentSealer;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.conf.LimitsConfig;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;

/**
 * Turns one raw RFC 822 message into a {@link ParsedMail} in a single streaming pass: decrypts
 * PGP/MIME and inline PGP, checks signatures, keeps body text within the limits, seals
 * attachments as they stream by, and refuses anything over a limit. On failure every attachment
 * sealed for this message is abandoned. Thread-safe: each call keeps its own state.
 */
public final class MailParser {
    private final OpenPgp pgp;
    private final SecretKey bridgeKey;
    private final LimitsConfig limits;
    private final AttachmentSealer sealer;
    private final MailAssembler assembler;
    private final MailAssembler plaintextAssembler;

    public MailParser(
            OpenPgp pgp, SecretKey bridgeKey, LimitsConfig limits, boolean acceptPlaintext, AttachmentSealer sealer) {
        this.pgp = pgp;
        this.bridgeKey = bridgeKey;
        this.limits = limits;
        this.sealer = sealer;
        this.assembler = new MailAssembler(acceptPlaintext);
        this.plaintextAssembler = new MailAssembler(true);
    }

    /**
     * Parses {@code raw} (not closed). {@code directory} supplies the stored key of the sender for
     * signature checks; it is asked once, right after the outer header was read.
     *
     * @throws IntakeException.Rejected when the message is bad, over a limit, or refused by policy
     * @throws IntakeException.TransientIo when reading {@code raw}, the directory or sealing failed (retry later)
     */
    public ParsedMail parse(InputStream raw, SignerDirectory directory) throws IntakeException {
        return parse(raw, directory, assembler);
    }

    /**
     * As {@link #parse(InputStream, SignerDirectory)}, accepting plaintext whatever the policy says:
     * for one quarantined message an analyst released with that override (decision 28).
     */
    public ParsedMail parseAcceptingPlaintext(InputStream raw, SignerDirectory directory) throws IntakeException {
        return parse(raw, directory, plaintextAssembler);
    }

    private ParsedMail parse(InputStream raw, SignerDirectory directory, MailAssembler assembler)
            throws IntakeException {
        AttachmentSink sink = new AttachmentSink(sealer);
        RawInput input = new RawInput(raw, limits.maxMessageBytes());
        MailWalk walk = new MailWalk(pgp, bridgeKey, directory, new Budget(limits, input::count), sink);
        try {
            MimeWalker.walkMessage(walk, LineGuard.raw(input, limits.maxLineBytes()));
            throwIfFailed(input);
            byte[] hash = input.finish();
            return assembler.assemble(walk, hash);
        } catch (IntakeException e) {
            sink.abandonAll();
            throw input.failure().orElse(e);
        } catch (IOException | MimeException | RuntimeException e) {
            sink.abandonAll();
            throw input.failure().orElseGet(() -> FailureMapper.map(e));
        } catch (StackOverflowError e) {
            sink.abandonAll();
            throw input.failure().orElseGet(() -> new IntakeException.Rejected(QuarantineReason.TOO_DEEP));
        }
    }

    /** A failure of the raw input that something on the way swallowed still decides the outcome. */
    private static void throwIfFailed(RawInput input) throws IntakeException {
        if (input.failure().isPresent()) {
            throw input.failure().get();
        }
    }
}
