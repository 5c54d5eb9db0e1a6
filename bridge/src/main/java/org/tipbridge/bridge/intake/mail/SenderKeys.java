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
 * re-encoded; also answers signature checks that need a signer's certificate late. At most
 * {@link #MAX_KEYS} certificates and {@link #MAX_TOTAL_BYTES} of keyrings are taken per message.
 */
final class SenderKeys {
    static final int MAX_KEY_BYTES = 1024 * 1024;
    static final int MAX_KEYS = 4;
    static final long MAX_TOTAL_BYTES = 1024 * 1024;
    static final String UNREADABLE = "an attached key could not be read and was ignored";
    static final String TOO_MANY = "further attached keys were ignored";
    private final OpenPgp pgp;
    private final List<Certificate> found = new ArrayList<>();
    private final List<Certificate> lookupOnly = new ArrayList<>();
    private long keyringBytes;

    /** What became of one keyring. */
    enum Outcome {
        KEPT,
        UNREADABLE,
        TOO_MANY
    }

    SenderKeys(OpenPgp pgp) {
        this.pgp = pgp;
    }

    /** Reads the certificates in {@code keyring} (armored or binary), within the per-message caps. */
    Outcome add(byte[] keyring) {
        if (found.size() >= MAX_KEYS || keyringBytes + keyring.length > MAX_TOTAL_BYTES) {
            return Outcome.TOO_MANY;
        }
        keyringBytes += keyring.length;
        List<Certificate> certs;
        try {
            certs = pgp.readCertificates(new ByteArrayInputStream(keyring));
        } catch (PgpException | RuntimeException e) {
            return Outcome.UNREADABLE;
        }
        if (certs.isEmpty()) {
            return Outcome.UNREADABLE;
        }
        int room = MAX_KEYS - found.size();
        found.addAll(certs.subList(0, Math.min(room, certs.size())));
        return certs.size() > room ? Outcome.TOO_MANY : Outcome.KEPT;
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
     * Keys found in the message so far, then the key on file for the sender ({@code stored}, fetched
     * before decryption began); when the signer is a subkey (its fingerprint is not a primary's),
     * the message's only key if it has one. Answers from memory only.
     */
    Function<Fingerprint, Optional<Certificate>> lookup(Optional<Certificate> stored) {
        return fp -> inMessage(fp).or(() -> stored).or(this::soleKey);
    }

    private Optional<Certificate> soleKey() {
        List<Certificate> all =
                Stream.concat(found.stream(), lookupOnly.stream()).toList();
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
