// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.pgp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The few OpenPGP verbs tipbridge needs. Interoperable with gpg 2.2: v4 keys (Ed25519 primary,
 * X25519 encryption subkey), SEIPDv1, SHA-512. Thread-safe; create once.
 */
public interface OpenPgp {

    static OpenPgp create() {
        return BcOpenPgp.create();
    }

    /** A v4 Ed25519 + X25519 key for {@code userId}, protected with {@code passphrase} (not zeroed). */
    GeneratedKey generateKey(String userId, char[] passphrase) throws PgpException;

    /** Reads an armored or binary secret key and unlocks it. {@code passphrase} is not zeroed. */
    SecretKey readSecretKey(InputStream in, char[] passphrase) throws PgpException;

    /** Reads every certificate in an armored or binary keyring (a secret key yields its public part). */
    List<Certificate> readCertificates(InputStream in) throws PgpException;

    /**
     * Starts an encrypted (optionally signed) message written to {@code sink}. Closing the returned
     * stream finishes the message and flushes it; it does not close {@code sink}.
     */
    OutputStream encrypt(OutputStream sink, EncryptOptions options) throws PgpException;

    /**
     * Opens an encrypted (or merely signed, or literal) armored or binary message. Plaintext is
     * released as it is read; it must not be trusted or acted upon until {@code close()} returned
     * without an exception, because integrity and signatures are only checked at the end.
     */
    DecryptingStream decrypt(InputStream ciphertext, DecryptOptions options) throws PgpException;

    /**
     * Checks a detached signature (RFC 3156 multipart/signed) over {@code signedData}, using the
     * verifiers and late certificates of {@code options} (its key is not used).
     */
    DetachedVerification verifyDetached(InputStream signedData, InputStream signature, DecryptOptions options)
            throws PgpException;

    /** Writes an armored detached signature over {@code data} made with {@code signer} (used for PGP/MIME replies). */
    void signDetached(InputStream data, SecretKey signer, OutputStream armoredSignature) throws PgpException;
}
