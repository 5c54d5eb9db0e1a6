// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.teletrust.TeleTrusTObjectIdentifiers;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.NullDigest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.DSASigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.Ed448Signer;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyConverter;

/**
 * Checks an OpenPGP signature value against an already computed hash (data plus trailer), so that
 * hashing can start before the signer's key is known. OpenPGP signs the hash for every algorithm
 * it defines for v4 signatures, so the last step is the same as Bouncy Castle's own verifiers.
 */
final class PrehashedSignature {
    private static final Map<Integer, ASN1ObjectIdentifier> DIGEST_OIDS = Map.of(
            HashAlgorithmTags.SHA1, OIWObjectIdentifiers.idSHA1,
            HashAlgorithmTags.RIPEMD160, TeleTrusTObjectIdentifiers.ripemd160,
            HashAlgorithmTags.SHA224, NISTObjectIdentifiers.id_sha224,
            HashAlgorithmTags.SHA256, NISTObjectIdentifiers.id_sha256,
            HashAlgorithmTags.SHA384, NISTObjectIdentifiers.id_sha384,
            HashAlgorithmTags.SHA512, NISTObjectIdentifiers.id_sha512,
            HashAlgorithmTags.SHA3_256, NISTObjectIdentifiers.id_sha3_256,
            HashAlgorithmTags.SHA3_512, NISTObjectIdentifiers.id_sha3_512);

    private PrehashedSignature() {}

    static boolean verify(PGPPublicKey key, int hashAlgorithm, byte[] hash, byte[] signature) throws PGPException {
        AsymmetricKeyParameter publicKey = new BcPGPKeyConverter().getPublicKey(key);
        Signer signer = signerFor(key.getAlgorithm(), hashAlgorithm, publicKey);
        signer.init(false, publicKey);
        signer.update(hash, 0, hash.length);
        return signer.verifySignature(signature);
    }

    private static Signer signerFor(int keyAlgorithm, int hashAlgorithm, AsymmetricKeyParameter publicKey)
            throws PGPException {
        switch (keyAlgorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL:
            case PublicKeyAlgorithmTags.RSA_SIGN:
                ASN1ObjectIdentifier oid = DIGEST_OIDS.get(hashAlgorithm);
                if (oid == null) {
                    throw new PGPException("unsupported hash algorithm for RSA: " + hashAlgorithm);
                }
                return new RSADigestSigner(new NullDigest(), oid);
            case PublicKeyAlgorithmTags.DSA:
                return new DSADigestSigner(new DSASigner(), new NullDigest());
            case PublicKeyAlgorithmTags.ECDSA:
                return new DSADigestSigner(new ECDSASigner(), new NullDigest());
            case PublicKeyAlgorithmTags.EDDSA_LEGACY:
            case PublicKeyAlgorithmTags.Ed25519:
            case PublicKeyAlgorithmTags.Ed448:
                return publicKey instanceof Ed25519PublicKeyParameters
                        ? new Ed25519Signer()
                        : new Ed448Signer(new byte[0]);
            default:
                throw new PGPException("unsupported signature algorithm: " + keyAlgorithm);
        }
    }
}
