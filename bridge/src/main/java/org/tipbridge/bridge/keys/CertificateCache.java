// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.DetachedVerification;
import org.tipbridge.pgp.EncryptOptions;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.SecretKey;

/**
 * {@link OpenPgp} that remembers parsed certificates by the SHA-256 of their encoding: a source's
 * key arrives again with every message and is looked up again for every signature, and parsing
 * checks every self-signature. Certificates are immutable, so sharing them is safe. Bounded.
 */
public final class CertificateCache implements OpenPgp {
    private static final int MAX_ENTRIES = 1024;
    private static final int MAX_CACHED_BYTES = 256 * 1024;
    private final OpenPgp delegate;
    private final Map<ByteBuffer, List<Certificate>> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, List<Certificate>> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public CertificateCache(OpenPgp delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<Certificate> readCertificates(InputStream in) throws PgpException {
        byte[] encoded = readBounded(in);
        if (encoded.length > MAX_CACHED_BYTES) {
            return delegate.readCertificates(new ByteArrayInputStream(encoded));
        }
        ByteBuffer key = ByteBuffer.wrap(sha256(encoded));
        synchronized (cache) {
            List<Certificate> hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
        }
        List<Certificate> parsed = List.copyOf(delegate.readCertificates(new ByteArrayInputStream(encoded)));
        synchronized (cache) {
            cache.put(key, parsed);
        }
        return parsed;
    }

    /** Callers hand in certificates they already bounded (1 MiB at most); a stream is read whole here. */
    private static byte[] readBounded(InputStream in) throws PgpException {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new PgpException.Malformed("certificate could not be read", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public GeneratedKey generateKey(String userId, char[] passphrase) throws PgpException {
        return delegate.generateKey(userId, passphrase);
    }

    @Override
    public SecretKey readSecretKey(InputStream in, char[] passphrase) throws PgpException {
        return delegate.readSecretKey(in, passphrase);
    }

    @Override
    public OutputStream encrypt(OutputStream sink, EncryptOptions options) throws PgpException {
        return delegate.encrypt(sink, options);
    }

    @Override
    public DecryptingStream decrypt(InputStream ciphertext, DecryptOptions options) throws PgpException {
        return delegate.decrypt(ciphertext, options);
    }

    @Override
    public DetachedVerification verifyDetached(InputStream signedData, InputStream signature, DecryptOptions options)
            throws PgpException {
        return delegate.verifyDetached(signedData, signature, options);
    }

    @Override
    public void signDetached(InputStream data, SecretKey signer, OutputStream armoredSignature) throws PgpException {
        delegate.signDetached(data, signer, armoredSignature);
    }
}
