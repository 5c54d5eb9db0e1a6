// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.tipbridge.bridge.pipeline.SealedAttachment;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;
import org.tipbridge.pgp.SignatureStatus;

/**
 * Everything one message's walk shares across nested parses: the services it uses and what it
 * has found so far. Lives for one {@code parse} call on one thread.
 */
final class MailWalk {
    private final OpenPgp pgp;
    private final SecretKey bridgeKey;
    private final SignerDirectory directory;
    private final Budget budget;
    private final AttachmentSink sink;
    private final SenderKeys keys;
    private final EnvelopeReader envelopeReader = new EnvelopeReader();
    private EnvelopeReader.Outer outer = new EnvelopeReader().read(0);
    private final List<TextPiece> pieces = new ArrayList<>();
    private final List<FoundAttachment> attachments = new ArrayList<>();
    private final List<SignatureFinding> signatures = new ArrayList<>();
    private final List<ScopedValue> subjects = new ArrayList<>();
    private final List<ScopedValue> languages = new ArrayList<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private boolean encryptionConfirmed;
    private int alternativeGroups;
    private int ordinals;

    MailWalk(OpenPgp pgp, SecretKey bridgeKey, SignerDirectory directory, Budget budget, AttachmentSink sink) {
        this.pgp = pgp;
        this.bridgeKey = bridgeKey;
        this.directory = directory;
        this.budget = budget;
        this.sink = sink;
        this.keys = new SenderKeys(pgp);
    }

    OpenPgp pgp() {
        return pgp;
    }

    Budget budget() {
        return budget;
    }

    AttachmentSink sink() {
        return sink;
    }

    SenderKeys keys() {
        return keys;
    }

    /** Options for decryption and signature checks: the bridge key, keys seen so far, the directory. */
    DecryptOptions decryptOptions() {
        return new DecryptOptions(
                bridgeKey,
                List.of(),
                keys.lookup(fp -> directory.find(outer.envelope(), fp)),
                budget.limits().maxDecompressedBytes());
    }

    void envelopeField(String name, String value) {
        envelopeReader.add(name, value);
    }

    void envelopeDone() {
        EnvelopeReader.Outer read = envelopeReader.read(SenderKeys.MAX_KEY_BYTES);
        MailEnvelope envelope = read.envelope();
        if (envelope.autocryptKey().isPresent()) {
            envelope = new MailEnvelope(envelope.from(), envelope.replyTo(), envelope.messageId(),
                    keys.addAutocrypt(envelope.autocryptKey().get()), envelope.automated());
        }
        outer = new EnvelopeReader.Outer(envelope, read.subject());
    }

    EnvelopeReader.Outer outer() {
        return outer;
    }

    int nextAlternativeGroup() {
        return ++alternativeGroups;
    }

    int nextOrdinal() {
        return ++ordinals;
    }

    void addText(TextPiece piece) {
        pieces.add(piece);
    }

    void addAttachment(SealedAttachment attachment, TrustScope scope) {
        attachments.add(new FoundAttachment(attachment, scope));
    }

    void addSignature(SignatureStatus status, TrustScope scope) {
        signatures.add(new SignatureFinding(status, scope));
    }

    void addProtectedSubject(String subject, TrustScope scope) {
        subjects.add(new ScopedValue(subject, scope));
    }

    void addLanguage(String language, TrustScope scope) {
        languages.add(new ScopedValue(language, scope));
    }

    /** The scope's decryption finished cleanly: its content is trusted from now on. */
    void confirm(TrustScope scope) {
        scope.confirm();
        encryptionConfirmed = true;
    }

    boolean encryptionConfirmed() {
        return encryptionConfirmed;
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    List<TextPiece> pieces() {
        return pieces;
    }

    List<FoundAttachment> attachments() {
        return attachments;
    }

    List<SignatureFinding> signatures() {
        return signatures;
    }

    List<ScopedValue> subjects() {
        return subjects;
    }

    List<ScopedValue> languages() {
        return languages;
    }

    Set<String> warnings() {
        return warnings;
    }
}
