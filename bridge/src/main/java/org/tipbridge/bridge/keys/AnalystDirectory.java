// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tipbridge.bridge.daemon.SecureFiles;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;

/** The analysts' public certificates, one armored file per certificate named by fingerprint. */
public final class AnalystDirectory {
    private final Path dir;
    private final OpenPgp pgp;

    public AnalystDirectory(Path dir, OpenPgp pgp) {
        this.dir = dir;
        this.pgp = pgp;
    }

    /**
     * Adds every certificate in {@code armored}; each must be able to receive encrypted data.
     * Returns the certificates added (already present ones are returned too, unchanged).
     */
    public List<Certificate> add(byte[] armored) throws IOException, KeyFileException {
        List<Certificate> certs = read(new ByteArrayInputStream(armored));
        if (certs.isEmpty()) {
            throw new KeyFileException("the file holds no OpenPGP certificate");
        }
        for (Certificate cert : certs) {
            if (!cert.canEncrypt()) {
                throw new KeyFileException("certificate " + cert.fingerprint()
                        + " has no usable encryption key; add an encryption subkey");
            }
        }
        SecureFiles.privateDir(dir);
        for (Certificate cert : certs) {
            Path file = fileFor(cert);
            if (!Files.exists(file)) {
                SecureFiles.writeNew(file, cert.armored().getBytes(StandardCharsets.US_ASCII));
            }
        }
        return certs;
    }

    /** All analyst certificates, ordered by fingerprint. */
    public List<Certificate> all() throws IOException, KeyFileException {
        List<Certificate> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.asc")) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    out.addAll(read(in));
                }
            }
        }
        out.sort(Comparator.comparing(c -> c.fingerprint().hex()));
        return out;
    }

    private Path fileFor(Certificate cert) {
        return dir.resolve(cert.fingerprint().hex() + ".asc");
    }

    private List<Certificate> read(InputStream in) throws KeyFileException {
        try {
            return pgp.readCertificates(in);
        } catch (PgpException e) {
            throw new KeyFileException("not a readable OpenPGP certificate (expected `gpg --export --armor` output)");
        }
    }
}
