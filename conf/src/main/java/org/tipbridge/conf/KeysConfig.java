// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Key material locations ({@code [keys]}): the bridge's protected secret key, where its passphrase
 * comes from (a 0600 file, or the named environment variable when {@code passphrase_env} is set),
 * the analyst certificates directory and the mapping secrets file.
 */
public record KeysConfig(
        Path bridgeKey, Path passphraseFile, Optional<String> passphraseEnv, Path analystsDir, Path mappingSecrets) {}
