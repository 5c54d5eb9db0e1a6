// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.Fingerprint;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;

/**
 * Certificates found in the message (attached key parts, the Autocrypt header), validated and
 * re-encoded; also answers signature checks that need a signer's certificate late.
 */
final class SenderKeys {
    static final int MAX_KEY_BYTES = 1024 * 1024;
    static final String UNREADABLE = "an attached key could not be read and was ignored";
    private final OpenPgp pgp;
    private final List<Certificate> found = new ArrayList<>();
    private final List<Certificate> lookupOnly = new ArrayList<>();

    SenderKeys(OpenPgp pgp) {
        this.pgp = pgp;
    }

    /** Reads the certificates in {@code keyring} (armored or binary); false when none could be read. */
    boolean add(byte[] keyring) {
        try {
            List<Certificate> certs = pgp.readCertificates(new ByteArrayInputStream(keyring));
            found.addAll(certs);
            return !certs.isEmpty();
        } catch (PgpException | RuntimeException e) {
            return false;
        }
    }

    /** Validates an Autocrypt key: usable for signature checks, returned re-encoded, not listed as attached. */
    Optional<byte[]> addAutocrypt(byte[] keydata) {
        try {
            List<Certificate> certs = pgp.readCertificates(new ByteArrayInputStream(keydata));
            lookupOnly.addAll(certs);
            return certs.stream().findFirst().map(Certificate::encoded);
        } catch (PgpException | RuntimeException e) {
            return Optional.empty();
        }
    }

    List<byte[]> encoded() {
        return found.stream().map(Certificate::encoded).toList();
    }

    /**
     * Keys found in the message so far, then the directory's key on file for the sender; when the
     * signer is a subkey (its fingerprint is not a primary's), the message's only key if it has one.
     */
    Function<Fingerprint, Optional<Certificate>> lookup(Function<Fingerprint, Optional<Certificate>> directory) {
        return fp -> inMessage(fp).or(() -> directory.apply(fp)).or(this::soleKey);
    }

    private Optional<Certificate> soleKey() {
        List<Certificate> all = Stream.concat(found.stream(), lookupOnly.stream()).toList();
        return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
    }

    private Optional<Certificate> inMessage(Fingerprint fp) {
        return Stream.concat(found.stream(), lookupOnly.stream())
                .filter(c -> matches(c.fingerprint(), fp))
                .findFirst();
    }

    /** A full fingerprint matches itself; a 16-digit key id matches a v4 fingerprint's tail. */
    static boolean matches(Fingerprint certificate, Fingerprint wanted) {
        return certificate.hex().equals(wanted.hex())
                || (wanted.hex().length() == 16 && certificate.hex().endsWith(wanted.hex()));
    }
}
