// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import org.tipbridge.bridge.keys.AnalystDirectory;
import org.tipbridge.bridge.keys.KeyFileException;
import org.tipbridge.bridge.outbox.ReplyCodec;
import org.tipbridge.bridge.outbox.ReplyDocument;
import org.tipbridge.conf.KeysConfig;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.EncryptOptions;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;

/**
 * Seals a reply document twice with public keys only: once to the bridge certificate alone (the
 * copy the daemon sends) and once to every usable analyst certificate (the copy the conversation
 * shows); and other documents only the daemon opens (a trust request) to the bridge certificate
 * alone. The encoded plaintext is zeroed before returning.
 */
final class ReplySealer {
    private final OpenPgp pgp;
    private final KeysConfig keys;

    ReplySealer(OpenPgp pgp, KeysConfig keys) {
        this.pgp = pgp;
        this.keys = keys;
    }

    /** The two sealed copies of one reply. */
    record Sealed(byte[] forBridge, byte[] forAnalysts) {}

    Sealed seal(ReplyDocument doc) {
        Certificate bridge = bridgeCertificate();
        List<Certificate> analysts = analystCertificates();
        byte[] plaintext = new ReplyCodec().encode(doc);
        try {
            return new Sealed(encrypt(plaintext, List.of(bridge)), encrypt(plaintext, analysts));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** {@code plaintext} sealed to the bridge certificate alone, for the daemon; {@code plaintext} is zeroed. */
    byte[] sealForBridge(byte[] plaintext) {
        try {
            return encrypt(plaintext, List.of(bridgeCertificate()));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** {@code plaintext} sealed to every usable analyst certificate (e.g. a note); {@code plaintext} is zeroed. */
    byte[] sealForAnalysts(byte[] plaintext) {
        try {
            return encrypt(plaintext, analystCertificates());
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** The public part of the bridge's secret key file: no passphrase is needed for it. */
    private Certificate bridgeCertificate() {
        try (InputStream in = Files.newInputStream(keys.bridgeKey())) {
            return pgp.readCertificates(in).stream()
                    .filter(Certificate::canEncrypt)
                    .findFirst()
                    .orElseThrow(() -> new CliFailure.Other("the bridge key at " + keys.bridgeKey()
                            + " has no usable encryption key; the operator must fix [keys] bridge_key"));
        } catch (NoSuchFileException e) {
            throw new CliFailure.Other("the bridge key is missing at " + keys.bridgeKey()
                    + "; run this on the server's home, or ask the operator to restore it");
        } catch (IOException | PgpException e) {
            throw new CliFailure.Other("cannot read the bridge key at " + keys.bridgeKey() + " ("
                    + e.getClass().getSimpleName() + "); ask the operator to check [keys] bridge_key");
        }
    }

    private List<Certificate> analystCertificates() {
        List<Certificate> usable;
        try {
            usable = new AnalystDirectory(keys.analystsDir(), pgp)
                    .all().stream().filter(Certificate::canEncrypt).toList();
        } catch (IOException e) {
            throw new CliFailure.Other(
                    "cannot read the analysts directory (" + e.getClass().getSimpleName() + ")");
        } catch (KeyFileException e) {
            throw new CliFailure.Other(e.getMessage());
        }
        if (usable.isEmpty()) {
            throw new CliFailure.Other("no analyst certificate can receive encrypted data, so no analyst could read"
                    + " it back; add one with `tipbridge analysts add --home DIR FILE` and try again");
        }
        return usable;
    }

    private byte[] encrypt(byte[] plaintext, List<Certificate> recipients) {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream(plaintext.length + 1024);
        try (OutputStream out = pgp.encrypt(sealed, EncryptOptions.to(recipients))) {
            out.write(plaintext);
        } catch (IOException | PgpException e) {
            throw new CliFailure.Other("cannot encrypt to the bridge key or the analysts ("
                    + e.getClass().getSimpleName() + ")");
        }
        return sealed.toByteArray();
    }
}
