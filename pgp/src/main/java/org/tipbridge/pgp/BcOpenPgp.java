// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.OpenPGPKeyReader;

/** Bouncy Castle implementation of {@link OpenPgp}: wires the verbs to their package-private stages. */
final class BcOpenPgp implements OpenPgp {
    private final FastJcaImplementation implementation;
    private final KeyUnlocking unlocking;
    private final KeyGeneration generation;
    private final MessageEncryption encryption;
    private final MessageOpening opening;
    private final SignatureJudgement judgement;
    private final DetachedSignatures detached;

    private BcOpenPgp(FastJcaImplementation implementation) {
        this.implementation = implementation;
        this.unlocking = new KeyUnlocking(implementation);
        this.generation = new KeyGeneration(implementation, unlocking);
        this.encryption = new MessageEncryption(implementation);
        this.opening = new MessageOpening(implementation);
        this.judgement = new SignatureJudgement(implementation.policy());
        this.detached = new DetachedSignatures(implementation, judgement);
    }

    static OpenPgp create() {
        return new BcOpenPgp(FastJcaImplementation.create());
    }

    @Override
    public GeneratedKey generateKey(String userId, char[] passphrase) throws PgpException {
        return generation.generate(userId, passphrase);
    }

    @Override
    public SecretKey readSecretKey(InputStream in, char[] passphrase) throws PgpException {
        OpenPGPKey key;
        try {
            key = new OpenPGPKeyReader(implementation).parseKey(in);
        } catch (IOException | RuntimeException e) {
            throw Failures.badKey("cannot read the secret key", e);
        }
        return unlocking.unlock(key, passphrase);
    }

    @Override
    public List<Certificate> readCertificates(InputStream in) throws PgpException {
        List<Certificate> certificates = new ArrayList<>();
        try {
            for (OpenPGPCertificate certificate : new OpenPGPKeyReader(implementation).parseKeysOrCertificates(in)) {
                certificates.add(new BcCertificate(certificate));
            }
        } catch (IOException | RuntimeException e) {
            throw Failures.malformed("cannot read the certificates", e);
        }
        if (certificates.isEmpty()) {
            throw Failures.malformed("no certificate found", null);
        }
        return List.copyOf(certificates);
    }

    @Override
    public OutputStream encrypt(OutputStream sink, EncryptOptions options) throws PgpException {
        return encryption.open(sink, options);
    }

    @Override
    public DecryptingStream decrypt(InputStream ciphertext, DecryptOptions options) throws PgpException {
        MessageLayers layers = opening.open(ciphertext, options);
        return new BcDecryptingStream(layers, new SignerDirectory(options), judgement);
    }

    @Override
    public DetachedVerification verifyDetached(InputStream signedData, InputStream signature, DecryptOptions options)
            throws PgpException {
        return detached.verify(signedData, signature, options);
    }

    @Override
    public void signDetached(InputStream data, SecretKey signer, OutputStream armoredSignature) throws PgpException {
        detached.sign(data, BcSecretKey.of(signer), armoredSignature);
    }
}
