// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;
import java.io.InputStream;
import org.apache.james.mime4j.MimeException;
import org.tipbridge.bridge.pipeline.AttachmentSealer;
import org.tipbridge.bridge.pipeline.IntakeException;
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

    public MailParser(
            OpenPgp pgp, SecretKey bridgeKey, LimitsConfig limits, boolean acceptPlaintext, AttachmentSealer sealer) {
        this.pgp = pgp;
        this.bridgeKey = bridgeKey;
        this.limits = limits;
        this.sealer = sealer;
        this.assembler = new MailAssembler(acceptPlaintext);
    }

    /**
     * Parses {@code raw} (not closed). {@code directory} supplies stored sender keys for signature
     * checks.
     *
     * @throws IntakeException.Rejected when the message is bad, over a limit, or refused by policy
     * @throws IntakeException.TransientIo when reading {@code raw} or sealing failed (retry later)
     */
    public ParsedMail parse(InputStream raw, SignerDirectory directory) throws IntakeException {
        AttachmentSink sink = new AttachmentSink(sealer);
        MailWalk walk = new MailWalk(pgp, bridgeKey, directory, new Budget(limits), sink);
        RawInput input = new RawInput(raw, limits.maxMessageBytes());
        try {
            MimeWalker.walkMessage(walk, new LineGuard(input, limits.maxLineBytes()));
            byte[] hash = input.finish();
            return assembler.assemble(walk, hash);
        } catch (IntakeException e) {
            sink.abandonAll();
            throw e;
        } catch (IOException | MimeException | RuntimeException e) {
            sink.abandonAll();
            throw FailureMapper.map(e);
        }
    }
}
