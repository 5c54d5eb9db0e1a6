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
 * checks every self-signature. Parsing verifies the self-signatures up front, after which the
 * certificate objects are only read, so they are shared between the worker threads. Bounded by
 * count and bytes; source certificates hold user ids, so the cache lives in memory only.
 */
public final class CertificateCache implements OpenPgp {
    private static final int MAX_ENTRIES = 512;
    private static final int MAX_CACHED_BYTES = 64 * 1024;
    private static final long MAX_TOTAL_BYTES = 8L * 1024 * 1024;
    private final OpenPgp delegate;
    private final Map<ByteBuffer, Entry> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long totalBytes;

    private record Entry(List<Certificate> certificates, int encodedBytes) {}

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
            Entry hit = cache.get(key);
            if (hit != null) {
                return hit.certificates();
            }
        }
        List<Certificate> parsed = List.copyOf(delegate.readCertificates(new ByteArrayInputStream(encoded)));
        remember(key, new Entry(parsed, encoded.length));
        return parsed;
    }

    /** Keeps at most {@link #MAX_ENTRIES} entries and {@link #MAX_TOTAL_BYTES} of encodings, least recently used out first. */
    private void remember(ByteBuffer key, Entry entry) {
        synchronized (cache) {
            Entry old = cache.put(key, entry);
            totalBytes += entry.encodedBytes() - (old == null ? 0 : old.encodedBytes());
            var eldest = cache.entrySet().iterator();
            while ((cache.size() > MAX_ENTRIES || totalBytes > MAX_TOTAL_BYTES) && eldest.hasNext()) {
                totalBytes -= eldest.next().getValue().encodedBytes();
                eldest.remove();
            }
        }
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
