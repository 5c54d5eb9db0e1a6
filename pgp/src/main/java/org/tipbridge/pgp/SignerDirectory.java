// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPSignature;
import org.bouncycastle.util.encoders.Hex;

/** Finds the certificate of a signer: first among the given verifiers, then through the late-certificate lookup. */
final class SignerDirectory {
    private final List<Certificate> verifiers;
    private final Function<Fingerprint, Optional<Certificate>> lateCertificates;

    SignerDirectory(DecryptOptions options) {
        this.verifiers = options.verifiers();
        this.lateCertificates = options.lateCertificates();
    }

    /** A signer's key within its certificate. */
    record Signer(OpenPGPCertificate certificate, OpenPGPCertificate.OpenPGPComponentKey key) {
        Fingerprint fingerprint() {
            return new Fingerprint(Hex.toHexString(certificate.getFingerprint()));
        }
    }

    /** The most precise issuer named by the signature (fingerprint if given, else key id); empty if none. */
    static Optional<KeyIdentifier> issuer(PGPSignature signature) {
        KeyIdentifier id = OpenPGPSignature.getMostExpressiveIdentifier(signature.getKeyIdentifiers());
        return id == null || id.isWildcard() ? Optional.empty() : Optional.of(id);
    }

    static Fingerprint fingerprintOf(KeyIdentifier id) {
        byte[] fingerprint = id.getFingerprint();
        if (fingerprint != null && (fingerprint.length == 20 || fingerprint.length == 32)) {
            return new Fingerprint(Hex.toHexString(fingerprint));
        }
        return new Fingerprint(String.format("%016X", id.getKeyId()));
    }

    Optional<Signer> find(KeyIdentifier id) {
        for (Certificate certificate : verifiers) {
            Optional<Signer> signer = keyIn(certificate, id);
            if (signer.isPresent()) {
                return signer;
            }
        }
        return lateCertificates.apply(fingerprintOf(id)).flatMap(certificate -> keyIn(certificate, id));
    }

    private static Optional<Signer> keyIn(Certificate certificate, KeyIdentifier id) {
        OpenPGPCertificate openPgp = BcCertificate.of(certificate).openPgp();
        for (OpenPGPCertificate.OpenPGPComponentKey key : openPgp.getKeys()) {
            if (id.matches(key.getKeyIdentifier())) {
                return Optional.of(new Signer(openPgp, key));
            }
        }
        return Optional.empty();
    }
}
