// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.bridge.pipeline.SealedAttachment;
import org.tipbridge.pgp.SignatureStatus;

/**
 * Turns what a walk found into a {@link ParsedMail}. When any content was encrypted, only
 * encrypted content is trusted: clear text parts are dropped with a warning, clear attachments are
 * kept with a warning naming their position. Otherwise the mail is plaintext, allowed only by policy.
 */
final class MailAssembler {
    static final String CLEAR_TEXT_IGNORED = "a part of this message was not encrypted and was ignored";
    static final String SUBJECT_NOT_ENCRYPTED = "the subject was not encrypted";
    private static final Set<String> SUBJECT_PLACEHOLDERS = Set.of("...", "…", "encrypted message", "[...]");
    private final boolean acceptPlaintext;

    MailAssembler(boolean acceptPlaintext) {
        this.acceptPlaintext = acceptPlaintext;
    }

    ParsedMail assemble(MailWalk walk, byte[] contentHash) throws IntakeException {
        boolean encrypted = walk.encryptionConfirmed();
        if (!encrypted && !acceptPlaintext) {
            throw new IntakeException.Rejected(QuarantineReason.PLAINTEXT_REFUSED);
        }
        List<TextPiece> trusted = walk.pieces().stream()
                .filter(p -> p.scope().isEncrypted() == encrypted)
                .toList();
        if (walk.pieces().stream()
                        .anyMatch(p -> !p.scope().isEncrypted() && !p.text().isBlank())
                && encrypted) {
            walk.warn(CLEAR_TEXT_IGNORED);
        }
        String subject = subject(walk, encrypted);
        List<SealedAttachment> attachments = attachments(walk, encrypted);
        return new ParsedMail(
                walk.outer().envelope(),
                subject,
                CleanText.body(joinText(trusted)).strip(),
                encrypted,
                signature(walk.signatures(), encrypted),
                attachments,
                walk.keys().encoded(),
                first(walk.languages(), encrypted),
                List.copyOf(walk.warnings()),
                contentHash);
    }

    private static List<SealedAttachment> attachments(MailWalk walk, boolean encrypted) {
        List<SealedAttachment> out = new ArrayList<>();
        for (FoundAttachment found : walk.attachments()) {
            out.add(found.attachment());
            if (encrypted && !found.scope().isEncrypted()) {
                walk.warn("attachment " + out.size() + " was not encrypted");
            }
        }
        return List.copyOf(out);
    }

    /** The protected subject; else the outer one, flagged when it stood in clear beside encrypted content. */
    private static String subject(MailWalk walk, boolean encrypted) {
        Optional<String> inner = first(walk.subjects(), encrypted).map(s -> CleanText.line(HeaderText.decodeWords(s)));
        if (inner.isPresent()) {
            return inner.get();
        }
        String outer = walk.outer().subject();
        if (encrypted
                && !outer.isBlank()
                && !SUBJECT_PLACEHOLDERS.contains(outer.strip().toLowerCase(Locale.ROOT))) {
            walk.warn(SUBJECT_NOT_ENCRYPTED);
        }
        return outer;
    }

    private static Optional<String> first(List<ScopedValue> values, boolean encrypted) {
        return values.stream()
                .filter(v -> v.scope().isEncrypted() == encrypted)
                .map(ScopedValue::value)
                .findFirst();
    }

    /** Joins text parts with a blank line; in a multipart/alternative a plain version beats HTML. */
    static String joinText(List<TextPiece> pieces) {
        Set<Integer> groupsWithPlain = pieces.stream()
                .filter(p -> !p.html() && p.alternativeGroup() != 0)
                .map(TextPiece::alternativeGroup)
                .collect(Collectors.toSet());
        return pieces.stream()
                .filter(p -> !(p.html() && groupsWithPlain.contains(p.alternativeGroup())))
                .map(p -> CleanText.body(p.text()).strip())
                .filter(t -> !t.isEmpty())
                .collect(Collectors.joining("\n\n"));
    }

    static SignatureStatus signature(List<SignatureFinding> findings, boolean encrypted) {
        List<SignatureStatus> statuses = findings.stream()
                .filter(f -> f.scope().isEncrypted() == encrypted)
                .map(SignatureFinding::status)
                .toList();
        for (SignatureStatus strongest :
                List.of(SignatureStatus.BAD, SignatureStatus.VERIFIED, SignatureStatus.UNVERIFIED)) {
            if (statuses.contains(strongest)) {
                return strongest;
            }
        }
        return SignatureStatus.NONE;
    }
}
