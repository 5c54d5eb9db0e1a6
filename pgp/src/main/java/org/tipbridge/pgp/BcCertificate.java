// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.util.encoders.Hex;

/** A {@link Certificate} backed by Bouncy Castle's {@link OpenPGPCertificate} (public part only). */
final class BcCertificate implements Certificate {
    private final OpenPGPCertificate certificate;
    private final Fingerprint fingerprint;

    BcCertificate(OpenPGPCertificate certificate) {
        this.certificate = certificate.isSecretKey() ? toPublic(certificate) : certificate;
        this.fingerprint = new Fingerprint(Hex.toHexString(certificate.getFingerprint()));
    }

    private static OpenPGPCertificate toPublic(OpenPGPCertificate key) {
        return ((org.bouncycastle.openpgp.api.OpenPGPKey) key).toCertificate();
    }

    static BcCertificate of(Certificate certificate) {
        if (certificate instanceof BcCertificate) {
            return (BcCertificate) certificate;
        }
        throw new IllegalArgumentException("certificate was not made by this module");
    }

    OpenPGPCertificate openPgp() {
        return certificate;
    }

    @Override
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    @Override
    public List<String> userIds() {
        List<String> ids = new ArrayList<>();
        certificate.getAllUserIds().forEach(id -> ids.add(id.getUserId()));
        return List.copyOf(ids);
    }

    @Override
    public boolean canEncrypt() {
        return !certificate.getEncryptionKeys().isEmpty();
    }

    @Override
    public byte[] encoded() {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode certificate", e);
        }
    }

    @Override
    public String armored() {
        try {
            return Armor.of(certificate.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot armor certificate", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BcCertificate && ((BcCertificate) other).fingerprint.equals(fingerprint);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    @Override
    public String toString() {
        return "Certificate[" + fingerprint + "]";
    }
}
