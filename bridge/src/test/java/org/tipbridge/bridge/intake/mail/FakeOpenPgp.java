// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.DecryptionResult;
import org.tipbridge.pgp.DetachedVerification;
import org.tipbridge.pgp.EncryptOptions;
import org.tipbridge.pgp.Fingerprint;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.PgpStreamException;
import org.tipbridge.pgp.SecretKey;
import org.tipbridge.pgp.SignatureStatus;

/**
 * A stand-in for the OpenPGP facade with the same failure behaviour and none of the cryptography:
 * "ciphertext" is armored base64 of {@code FAKE|mode|signer|plaintext}; modes: ok, literal (not
 * encrypted), tamper (fails in close), otherkey (not for us), bomb (fails while reading), zip
 * (plaintext {@code head|count|unit} inflates to head + count units). Like the real facade, it
 * scrubs the causes of its failures (so the parser cannot see a read error of its input) and
 * refuses to produce more than {@code maxDecompressedBytes}.
 * Detached "signatures" are {@code FAKESIG|signer|sha256(data)}; keys are {@code FAKEKEY|fingerprint}.
 */
final class FakeOpenPgp implements OpenPgp {
    static final String SIGNER = "AAAABBBBCCCCDDDDEEEEFFFF0000111122223333";
    private static final Pattern KEY = Pattern.compile("FAKEKEY\\|([0-9A-F]{40})");

    static String encrypt(String mode, String signer, String plaintext) {
        String payload = "FAKE|" + mode + "|" + signer + "|" + plaintext;
        return "-----BEGIN PGP MESSAGE-----\n\n"
                + Base64.getMimeEncoder()
                        .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                        .replace("\r\n", "\n")
                + "\n-----END PGP MESSAGE-----\n";
    }

    static String sign(String signer, byte[] canonicalData) {
        return "FAKESIG|" + signer + "|" + sha256(canonicalData);
    }

    static String key(String fingerprint) {
        return "FAKEKEY|" + fingerprint;
    }

    static SecretKey bridgeKey() {
        return new SecretKey() {
            @Override
            public Certificate certificate() {
                return new FakeCertificate("9999999999999999999999999999999999999999");
            }

            @Override
            public void destroy() {}
        };
    }

    @Override
    public DecryptingStream decrypt(InputStream ciphertext, DecryptOptions options) throws PgpException {
        String armored = readAll(ciphertext);
        String body = armored.replaceAll("(?s).*-----BEGIN PGP MESSAGE-----\\s*", "")
                .replaceAll("(?s)-----END PGP MESSAGE-----.*", "")
                .replaceAll("\\s", "");
        String[] fields;
        try {
            fields = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8).split("\\|", 4);
        } catch (IllegalArgumentException e) {
            throw new PgpException.Malformed("not armored", e);
        }
        if (fields.length != 4 || !fields[0].equals("FAKE")) {
            throw new PgpException.Malformed("not a fake message", null);
        }
        if (fields[1].equals("otherkey")) {
            throw new PgpException.CannotDecrypt("no key", null);
        }
        return new FakeStream(fields[1], fields[2], plaintext(fields[1], fields[3]), options);
    }

    /** Inflates a zip-mode payload ({@code head|count|unit}); other modes carry the plaintext as is. */
    static String zip(String head, int count, String unit) {
        return head + "|" + count + "|" + unit;
    }

    private static byte[] plaintext(String mode, String payload) {
        if (!mode.equals("zip")) {
            return payload.getBytes(StandardCharsets.UTF_8);
        }
        String[] zip = payload.split("\\|", 3);
        return (zip[0] + zip[2].repeat(Integer.parseInt(zip[1]))).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public DetachedVerification verifyDetached(InputStream signedData, InputStream signature, DecryptOptions options)
            throws PgpException {
        String[] sig = readAll(signature).strip().split("\\|");
        if (sig.length != 3 || !sig[0].equals("FAKESIG")) {
            throw new PgpException.Malformed("not a fake signature", null);
        }
        byte[] data = readAll(signedData).getBytes(StandardCharsets.ISO_8859_1);
        Fingerprint signer = new Fingerprint(sig[1]);
        if (!sha256(data).equals(sig[2])) {
            return new DetachedVerification(SignatureStatus.BAD, Optional.of(signer));
        }
        boolean known = options.lateCertificates().apply(signer).isPresent();
        return new DetachedVerification(
                known ? SignatureStatus.VERIFIED : SignatureStatus.UNVERIFIED, Optional.of(signer));
    }

    @Override
    public List<Certificate> readCertificates(InputStream in) throws PgpException {
        Matcher m = KEY.matcher(readAll(in));
        List<Certificate> out = new ArrayList<>();
        while (m.find()) {
            out.add(new FakeCertificate(m.group(1)));
        }
        if (out.isEmpty()) {
            throw new PgpException.Malformed("no keys", null);
        }
        return out;
    }

    @Override
    public GeneratedKey generateKey(String userId, char[] passphrase) {
        throw new UnsupportedOperationException();
    }

    @Override
    public SecretKey readSecretKey(InputStream in, char[] passphrase) {
        throw new UnsupportedOperationException();
    }

    @Override
    public OutputStream encrypt(OutputStream sink, EncryptOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void signDetached(InputStream data, SecretKey signer, OutputStream armoredSignature) {
        throw new UnsupportedOperationException();
    }

    private static String readAll(InputStream in) throws PgpException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new PgpException.Malformed("read failed", null); // the real facade scrubs causes too
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record FakeCertificate(String hex) implements Certificate {
        @Override
        public Fingerprint fingerprint() {
            return new Fingerprint(hex);
        }

        @Override
        public List<String> userIds() {
            return List.of();
        }

        @Override
        public boolean canEncrypt() {
            return true;
        }

        @Override
        public byte[] encoded() {
            return key(hex).getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public String armored() {
            return key(hex);
        }
    }

    private static final class FakeStream extends DecryptingStream {
        private final String mode;
        private final String signer;
        private final InputStream plain;
        private final DecryptOptions options;
        private long produced;
        private DecryptionResult result;

        FakeStream(String mode, String signer, byte[] plaintext, DecryptOptions options) {
            this.mode = mode;
            this.signer = signer;
            this.plain = new ByteArrayInputStream(plaintext);
            this.options = options;
        }

        @Override
        public int read() throws IOException {
            if (mode.equals("bomb") || (plain.available() > 0 && ++produced > options.maxDecompressedBytes())) {
                throw new PgpStreamException(new PgpException.LimitExceeded("too big", null));
            }
            return plain.read();
        }

        @Override
        public void close() throws IOException {
            if (mode.equals("tamper")) {
                throw new PgpStreamException(new PgpException.IntegrityFailure("mdc", null));
            }
            result = new DecryptionResult(!mode.equals("literal"), status(), Optional.empty());
        }

        private SignatureStatus status() {
            if (signer.equals("-")) {
                return SignatureStatus.NONE;
            }
            boolean known =
                    options.lateCertificates().apply(new Fingerprint(signer)).isPresent();
            return known ? SignatureStatus.VERIFIED : SignatureStatus.UNVERIFIED;
        }

        @Override
        public DecryptionResult result() {
            if (result == null) {
                throw new IllegalStateException("not closed");
            }
            return result;
        }
    }
}
