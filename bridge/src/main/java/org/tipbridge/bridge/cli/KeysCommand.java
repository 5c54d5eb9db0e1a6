// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.tipbridge.bridge.daemon.Home;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code tipbridge keys}: shows the bridge's public key, which sources encrypt to. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Show the bridge's public key.")
public final class KeysCommand {

    @Command(
            name = "bridge-public",
            mixinStandardHelpOptions = true,
            description = "Print the armored public key on stdout and its fingerprint on stderr.")
    void bridgePublic(@Mixin HomeOption homeOption) {
        homeOption.config();
        Home home = homeOption.home();
        try (InputStream in = Files.newInputStream(home.bridgePublicKey())) {
            List<Certificate> certs = OpenPgp.create().readCertificates(in);
            Certificate cert = certs.get(0);
            System.out.print(cert.armored());
            System.out.flush();
            System.err.println("Fingerprint: " + cert.fingerprint());
        } catch (NoSuchFileException e) {
            throw new CliFailure.NotFound("bridge public key missing at " + home.bridgePublicKey());
        } catch (IOException | PgpException | IndexOutOfBoundsException e) {
            throw new CliFailure.Other("cannot read the bridge public key at " + home.bridgePublicKey());
        }
    }
}
