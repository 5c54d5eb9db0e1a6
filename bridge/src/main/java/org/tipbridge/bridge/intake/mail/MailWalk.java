// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tipbridge.bridge.pipeline.SealedAttachment;
import org.tipbridge.pgp.Certificate;
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
    private Optional<Certificate> storedKey = Optional.empty();
    private final List<TextPiece> pieces = new ArrayList<>();
    private final List<FoundAttachment> attachments = new ArrayList<>();
    private final List<SignatureFinding> signatures = new ArrayList<>();
    private final List<ScopedValue> subjects = new ArrayList<>();
    private final List<ScopedValue> languages = new ArrayList<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private boolean encryptionConfirmed;
    private int alternativeGroups;
    private int ordinals;
    private int multiparts;
    private final Set<Integer> openedPayloads = new HashSet<>();

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

    /**
     * Options for decryption and signature checks: the bridge key, the keys seen so far and the
     * stored key (all in memory: nothing is looked up while OpenPGP runs), and what is left of the
     * message's plaintext allowance.
     */
    DecryptOptions decryptOptions() {
        return new DecryptOptions(bridgeKey, List.of(), keys.lookup(storedKey), budget.decryptRoom());
    }

    void envelopeField(String name, String value) {
        envelopeReader.add(name, value);
    }

    /** The outer header is complete: keeps the envelope and asks the directory for the stored key, once. */
    void envelopeDone() throws IntakeAbort {
        EnvelopeReader.Outer read = envelopeReader.read(SenderKeys.MAX_KEY_BYTES);
        MailEnvelope envelope = read.envelope();
        if (envelope.autocryptKey().isPresent()) {
            envelope = new MailEnvelope(
                    envelope.from(),
                    envelope.replyTo(),
                    envelope.messageId(),
                    keys.addAutocrypt(envelope.autocryptKey().get()),
                    envelope.automated());
        }
        outer = new EnvelopeReader.Outer(envelope, read.subject());
        try {
            storedKey = directory.prefetch(envelope);
        } catch (RuntimeException e) {
            throw IntakeAbort.localIo("looking up the stored sender key failed", e);
        }
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

    /** A number for a new multipart, unique within the message. */
    int nextMultipart() {
        return ++multiparts;
    }

    /** True the first time it is asked for the multipart/encrypted {@code multipart}: only one payload is decrypted. */
    boolean claimPayload(int multipart) {
        return openedPayloads.add(multipart);
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
