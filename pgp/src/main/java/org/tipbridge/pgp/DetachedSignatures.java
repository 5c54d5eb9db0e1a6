// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.api.OpenPGPDetachedSignatureGenerator;
import org.bouncycastle.openpgp.api.OpenPGPImplementation;
import org.bouncycastle.openpgp.api.OpenPGPSignature;

/** Makes and checks detached signatures (RFC 3156 multipart/signed); unknown signers come back UNVERIFIED. */
final class DetachedSignatures {
    private final OpenPGPImplementation implementation;
    private final SignatureJudgement judgement;

    DetachedSignatures(OpenPGPImplementation implementation, SignatureJudgement judgement) {
        this.implementation = implementation;
        this.judgement = judgement;
    }

    void sign(InputStream data, BcSecretKey signer, OutputStream armoredSignature) throws PgpException {
        try {
            List<OpenPGPSignature.OpenPGPDocumentSignature> signatures = new OpenPGPDetachedSignatureGenerator(
                            implementation)
                    .addSigningKey(signer.openPgp())
                    .sign(data);
            ArmoredOutputStream armor = Armor.around(new NonClosingOutputStream(armoredSignature));
            for (OpenPGPSignature.OpenPGPDocumentSignature signature : signatures) {
                signature.getSignature().encode(armor);
            }
            armor.close();
        } catch (PGPException e) {
            throw Failures.badKey("cannot sign with this key", e);
        } catch (IOException e) {
            throw Failures.malformed("cannot read the data or write the signature", e);
        }
    }

    DetachedVerification verify(InputStream data, InputStream signature, DecryptOptions options) throws PgpException {
        SignerDirectory directory = new SignerDirectory(options);
        List<SignatureOutcome> outcomes = new ArrayList<>();
        Map<PGPSignature, SignerDirectory.Signer> active = new java.util.LinkedHashMap<>();
        for (PGPSignature candidate : read(signature)) {
            Optional<KeyIdentifier> issuer = SignerDirectory.issuer(candidate);
            Optional<SignerDirectory.Signer> signer = issuer.flatMap(directory::find);
            if (signer.isPresent() && init(candidate, signer.get())) {
                active.put(candidate, signer.get());
            } else if (signer.isPresent()) {
                outcomes.add(new SignatureOutcome(
                        SignatureStatus.BAD, Optional.of(signer.get().fingerprint())));
            } else {
                outcomes.add(
                        new SignatureOutcome(SignatureStatus.UNVERIFIED, issuer.map(SignerDirectory::fingerprintOf)));
            }
        }
        hash(data, active.keySet());
        active.forEach((candidate, signer) -> outcomes.add(judge(candidate, signer)));
        SignatureOutcome outcome = SignatureOutcome.combine(outcomes);
        return new DetachedVerification(outcome.status(), outcome.signer());
    }

    private List<PGPSignature> read(InputStream signature) throws PgpException {
        List<PGPSignature> signatures = new ArrayList<>();
        try {
            PGPObjectFactory factory = implementation.pgpObjectFactory(Unarmoring.decoderStream(signature));
            for (Object next = factory.nextObject(); next != null; next = factory.nextObject()) {
                if (next instanceof PGPSignatureList) {
                    ((PGPSignatureList) next).forEach(signatures::add);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw Failures.malformed("not a well-formed detached signature", e);
        }
        if (signatures.isEmpty()) {
            throw Failures.malformed("no signature found", null);
        }
        return signatures;
    }

    /** Hashes with the JDK's digests and checks the value like one-pass signatures do ({@link DeferredVerifiers}). */
    private static boolean init(PGPSignature candidate, SignerDirectory.Signer signer) {
        DeferredVerifiers verifiers = new DeferredVerifiers();
        verifiers.bind(signer.key().getPGPPublicKey());
        try {
            candidate.init(verifiers, signer.key().getPGPPublicKey());
            return true;
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }

    private static void hash(InputStream data, Iterable<PGPSignature> signatures) throws PgpException {
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int n = data.read(buffer); n >= 0; n = data.read(buffer)) {
                for (PGPSignature signature : signatures) {
                    signature.update(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            throw Failures.malformed("cannot read the signed data", e);
        }
    }

    private SignatureOutcome judge(PGPSignature candidate, SignerDirectory.Signer signer) {
        boolean good;
        try {
            good = candidate.verify() && judgement.acceptable(candidate, signer, Instant.now());
        } catch (PGPException | RuntimeException e) {
            good = false;
        }
        return new SignatureOutcome(
                good ? SignatureStatus.VERIFIED : SignatureStatus.BAD, Optional.of(signer.fingerprint()));
    }
}
