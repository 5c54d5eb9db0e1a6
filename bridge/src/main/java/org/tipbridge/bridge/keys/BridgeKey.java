// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Map;
import org.tipbridge.bridge.daemon.SecureFiles;
import org.tipbridge.conf.KeysConfig;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.SecretKey;

/** Loads and unlocks the bridge's secret key, with its passphrase from the configured source. */
public final class BridgeKey {
    private BridgeKey() {}

    public static SecretKey unlock(OpenPgp pgp, KeysConfig keys, Map<String, String> env)
            throws IOException, KeyFileException {
        char[] passphrase = passphrase(keys, env);
        try (InputStream in = Files.newInputStream(keys.bridgeKey())) {
            return pgp.readSecretKey(in, passphrase);
        } catch (NoSuchFileException e) {
            throw new KeyFileException("bridge key not found at " + keys.bridgeKey() + "; run `tipbridge init` first");
        } catch (PgpException e) {
            throw new KeyFileException(
                    "cannot unlock the bridge key at " + keys.bridgeKey() + ": wrong passphrase or damaged key file");
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static char[] passphrase(KeysConfig keys, Map<String, String> env) throws IOException, KeyFileException {
        if (keys.passphraseEnv().isPresent()) {
            String name = keys.passphraseEnv().get();
            String value = env.get(name);
            if (value == null || value.isEmpty()) {
                throw new KeyFileException("[keys] passphrase_env names " + name + " but that variable is not set");
            }
            return value.toCharArray();
        }
        try {
            return SecureFiles.readSecret(keys.passphraseFile());
        } catch (NoSuchFileException e) {
            throw new KeyFileException("bridge passphrase file not found at " + keys.passphraseFile()
                    + "; set [keys] passphrase_file or passphrase_env");
        }
    }
}
