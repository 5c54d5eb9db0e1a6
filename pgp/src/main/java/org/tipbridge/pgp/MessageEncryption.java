// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.IOException;
import java.io.OutputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.api.MessageEncryptionMechanism;
import org.bouncycastle.openpgp.api.OpenPGPImplementation;
import org.bouncycastle.openpgp.api.OpenPGPMessageGenerator;
import org.bouncycastle.openpgp.api.exception.InvalidEncryptionKeyException;
import org.bouncycastle.openpgp.api.exception.InvalidSigningKeyException;

/** Writes SEIPDv1 AES-256 messages to every recipient, optionally signed and compressed, never closing the sink. */
final class MessageEncryption {
    private final OpenPGPImplementation implementation;

    MessageEncryption(OpenPGPImplementation implementation) {
        this.implementation = implementation;
    }

    OutputStream open(OutputStream sink, EncryptOptions options) throws PgpException {
        OpenPGPMessageGenerator generator = new OpenPGPMessageGenerator(implementation)
                .setArmored(options.armor())
                .setArmorStreamFactory(Armor::around)
                .setPublicKeyBasedEncryptionNegotiator(new SeipdV1())
                .setCompressionNegotiator((gen, policy) ->
                        options.compress() ? CompressionAlgorithmTags.ZLIB : CompressionAlgorithmTags.UNCOMPRESSED);
        addRecipients(generator, options);
        if (options.signer().isPresent()) {
            addSigner(generator, BcSecretKey.of(options.signer().get()));
        }
        try {
            return generator.open(new NonClosingOutputStream(sink));
        } catch (PGPException e) {
            throw Failures.badKey("cannot start the encrypted message", e);
        } catch (IOException e) {
            throw Failures.malformed("cannot write the encrypted message", e);
        }
    }

    private static void addRecipients(OpenPGPMessageGenerator generator, EncryptOptions options) throws PgpException {
        for (Certificate recipient : options.recipients()) {
            try {
                generator.addEncryptionCertificate(BcCertificate.of(recipient).openPgp());
            } catch (InvalidEncryptionKeyException e) {
                throw Failures.badKey("recipient certificate has no usable encryption key", e);
            }
        }
    }

    private static void addSigner(OpenPGPMessageGenerator generator, BcSecretKey signer) throws PgpException {
        try {
            generator.addSigningKey(signer.openPgp());
        } catch (InvalidSigningKeyException e) {
            throw Failures.badKey("signer has no usable signing key", e);
        }
    }

    /** Always SEIPDv1 with AES-256: readable by gpg 2.2 and every other client, never AEAD. */
    private static final class SeipdV1 extends org.bouncycastle.openpgp.api.OpenPGPEncryptionNegotiator {
        @Override
        public MessageEncryptionMechanism negotiateEncryption(OpenPGPMessageGenerator configuration) {
            return MessageEncryptionMechanism.integrityProtected(SymmetricKeyAlgorithmTags.AES_256);
        }
    }
}
