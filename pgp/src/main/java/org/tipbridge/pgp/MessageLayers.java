// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPadding;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;

/**
 * The open packet layers of a message being read (encryption, compression, one-pass signatures,
 * literal data) and the end-of-message checks: trailing signatures, integrity, signature outcomes.
 */
final class MessageLayers {
    private final Deque<PGPObjectFactory> factories = new ArrayDeque<>();
    private final List<PendingSignature> onePass = new ArrayList<>();
    private final List<PGPSignature> prefixed = new ArrayList<>();
    private PGPEncryptedData encrypted;
    private InputStream literal;
    private InputStream outermost;

    /** The packet stream of the whole message (armor already stripped), finished after the integrity check. */
    void outermost(InputStream packets) {
        this.outermost = packets;
    }

    void enter(PGPObjectFactory factory) {
        factories.push(factory);
    }

    PGPObjectFactory innermost() {
        return factories.peek();
    }

    boolean encrypted() {
        return encrypted != null;
    }

    void encryptedBy(PGPEncryptedData data) {
        this.encrypted = data;
    }

    void onePass(PendingSignature signature) {
        onePass.add(signature);
    }

    void prefixed(PGPSignatureList signatures) {
        signatures.forEach(prefixed::add);
    }

    void literal(InputStream data) {
        this.literal = data;
    }

    /** Reads plaintext, feeding every one-pass signature; -1 at the end of the literal data. */
    int read(byte[] buffer, int offset, int length) throws IOException {
        int n = literal.read(buffer, offset, length);
        if (n > 0) {
            for (PendingSignature signature : onePass) {
                signature.update(buffer, offset, n);
            }
        }
        return n;
    }

    /** Drains the message, then checks integrity and every signature; throws if the message is not sound. */
    DecryptionResult finish(SignerDirectory directory, SignatureJudgement judgement) throws PgpException, IOException {
        byte[] sink = new byte[64 * 1024];
        while (read(sink, 0, sink.length) >= 0) {
            // drain what the reader left unread: integrity covers all of it
        }
        List<PGPSignature> trailing = trailingSignatures();
        checkIntegrity();
        Unarmoring.finish(outermost); // armor checksum and END line, after integrity: tampering reports as such
        List<SignatureOutcome> outcomes = new ArrayList<>();
        for (PendingSignature pending : onePass) {
            PGPSignature signature = matching(pending, trailing);
            outcomes.add(pending.finish(signature, directory, judgement));
        }
        for (PGPSignature signature : prefixed) {
            outcomes.add(new SignatureOutcome(
                    SignatureStatus.UNVERIFIED,
                    SignerDirectory.issuer(signature).map(SignerDirectory::fingerprintOf)));
        }
        SignatureOutcome outcome = SignatureOutcome.combine(outcomes);
        return new DecryptionResult(encrypted(), outcome.status(), outcome.signer());
    }

    private List<PGPSignature> trailingSignatures() throws PgpException, IOException {
        List<PGPSignature> signatures = new ArrayList<>();
        while (factories.size() > 1 || (factories.size() == 1 && encrypted == null)) {
            PGPObjectFactory factory = factories.pop();
            for (Object next = factory.nextObject(); next != null; next = factory.nextObject()) {
                if (next instanceof PGPSignatureList) {
                    ((PGPSignatureList) next).forEach(signatures::add);
                } else if (!(next instanceof PGPMarker) && !(next instanceof PGPPadding)) {
                    throw Failures.malformed("unexpected packet after the literal data", null);
                }
            }
        }
        return signatures;
    }

    private void checkIntegrity() throws PgpException, IOException {
        if (encrypted == null) {
            return;
        }
        try {
            if (!encrypted.verify()) {
                throw Failures.integrity("integrity check failed: the message was modified", null);
            }
        } catch (PGPException e) {
            throw Failures.integrity("integrity check failed: the message was modified", e);
        }
    }

    private static PGPSignature matching(PendingSignature pending, List<PGPSignature> trailing) throws PgpException {
        for (PGPSignature signature : trailing) {
            Optional<org.bouncycastle.bcpg.KeyIdentifier> issuer = SignerDirectory.issuer(signature);
            if (issuer.isEmpty()
                    || issuer.get().matches(pending.issuer())
                    || pending.issuer().isWildcard()) {
                trailing.remove(signature);
                return signature;
            }
        }
        throw Failures.malformed("a one-pass signature has no signature packet", null);
    }
}
