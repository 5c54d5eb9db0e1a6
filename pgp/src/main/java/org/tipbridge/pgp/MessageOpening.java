// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPadding;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSignatureList;

/**
 * Walks a message's packet layers (armor, encryption, compression, one-pass signatures) down to
 * its literal data with Bouncy Castle's packet API; armor is stripped by our own bulk decoder. Bouncy Castle's OpenPGPMessageProcessor is not
 * used here: it looks signer certificates up before the plaintext is read (so certificates found in
 * the plaintext cannot count) and drops signatures from unknown signers without a trace.
 */
final class MessageOpening {
    private static final int MAX_LAYERS = 8;

    private final FastJcaImplementation implementation;

    MessageOpening(FastJcaImplementation implementation) {
        this.implementation = implementation;
    }

    MessageLayers open(InputStream message, DecryptOptions options) throws PgpException {
        MessageLayers layers = new MessageLayers();
        try {
            InputStream packets = Unarmoring.decoderStream(message);
            layers.outermost(packets);
            layers.enter(implementation.pgpObjectFactory(packets));
            for (int depth = 0; depth < MAX_LAYERS; depth++) {
                Object next = layers.innermost().nextObject();
                if (next instanceof PGPLiteralData) {
                    layers.literal(((PGPLiteralData) next).getDataStream());
                    return layers;
                }
                enter(layers, next, options);
            }
            throw Failures.malformed("too many nested packet layers", null);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw e; // a destroyed key or a foreign implementation: the caller's mistake, not the message's
        } catch (IOException | PGPException | RuntimeException e) {
            PgpException carried = Failures.carried(e);
            throw carried != null ? carried : Failures.malformed("not a well-formed OpenPGP message", e);
        }
    }

    private void enter(MessageLayers layers, Object next, DecryptOptions options) throws PgpException, PGPException {
        if (next instanceof PGPEncryptedDataList && !layers.encrypted()) {
            layers.enter(implementation.pgpObjectFactory(decrypt((PGPEncryptedDataList) next, options, layers)));
        } else if (next instanceof PGPCompressedData) {
            InputStream inflated = ((PGPCompressedData) next).getDataStream();
            layers.enter(
                    implementation.pgpObjectFactory(new DecompressionLimit(inflated, options.maxDecompressedBytes())));
        } else if (next instanceof PGPOnePassSignatureList) {
            for (PGPOnePassSignature onePass : (PGPOnePassSignatureList) next) {
                layers.onePass(new PendingSignature(onePass));
            }
        } else if (next instanceof PGPSignatureList) {
            layers.prefixed((PGPSignatureList) next);
        } else if (!(next instanceof PGPMarker) && !(next instanceof PGPPadding)) {
            throw Failures.malformed(next == null ? "message has no literal data" : "unexpected packet", null);
        }
    }

    private InputStream decrypt(PGPEncryptedDataList list, DecryptOptions options, MessageLayers layers)
            throws PgpException {
        if (options.key() == null) {
            throw Failures.cannotDecrypt("message is encrypted and no key was given", null);
        }
        BcSecretKey key = BcSecretKey.of(options.key());
        List<Exception> failures = new ArrayList<>();
        for (PGPEncryptedData data : list) {
            if (!(data instanceof PGPPublicKeyEncryptedData)) {
                continue;
            }
            PGPPublicKeyEncryptedData forKey = (PGPPublicKeyEncryptedData) data;
            for (PGPPrivateKey privateKey : key.privateKeysFor(forKey.getKeyIdentifier())) {
                requireIntegrityProtection(forKey);
                try {
                    InputStream clear = forKey.getDataStream(
                            forKey.isAEAD()
                                    ? implementation.aeadDecryptorFactory(privateKey)
                                    : implementation.publicKeyDataDecryptorFactory(privateKey));
                    layers.encryptedBy(forKey);
                    return clear;
                } catch (PGPException | RuntimeException e) {
                    failures.add(e);
                }
            }
        }
        if (!failures.isEmpty()) {
            // The message names our key, yet cannot be opened with it: damaged (a truncated or
            // altered key or data packet), not addressed to someone else.
            throw Failures.malformed("the encrypted data for this key could not be opened", failures.get(0));
        }
        throw Failures.cannotDecrypt("message is not encrypted to this key", null);
    }

    private static void requireIntegrityProtection(PGPEncryptedData data) throws PgpException {
        if (!data.isIntegrityProtected() && !data.isAEAD()) {
            throw Failures.integrity("message is not integrity protected", null);
        }
    }
}
