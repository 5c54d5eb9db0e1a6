// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tipbridge.bridge.daemon.Home;
import org.tipbridge.bridge.daemon.HomeInitializer;
import org.tipbridge.bridge.keys.AnalystDirectory;
import org.tipbridge.bridge.keys.KeyFileException;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.KeysConfig;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;

/**
 * A fresh tipbridge home made the way {@code tipbridge init} makes one, plus two analyst
 * certificates (their secret keys are thrown away: the benchmarks never read records back).
 */
record BenchHome(Path dir, Certificate bridge, List<Certificate> analysts, KeysConfig keys, String mailboxPassword) {
    static final int ANALYSTS = 2;

    static BenchHome create(Path dir, OpenPgp pgp) throws IOException, PgpException, KeyFileException {
        HomeInitializer.Result init =
                new HomeInitializer(pgp, new SecureRandom(), Map.of()).create(new Home(dir), false);
        TipbridgeConfig config = ConfigLoader.load(dir, Map.of());
        AnalystDirectory directory = new AnalystDirectory(config.keys().analystsDir(), pgp);
        List<Certificate> analysts = new ArrayList<>();
        for (int i = 1; i <= ANALYSTS; i++) {
            GeneratedKey key = pgp.generateKey("Analyst " + i + " <analyst" + i + "@bench.invalid>", new char[0]);
            key.key().destroy();
            analysts.addAll(directory.add(key.certificate().armored().getBytes(StandardCharsets.US_ASCII)));
        }
        String password = Files.readString(config.mailbox().passwordFile(), StandardCharsets.UTF_8)
                .trim();
        return new BenchHome(dir, init.bridge(), List.copyOf(analysts), config.keys(), password);
    }

    Path database() {
        return dir.resolve("data").resolve("tipbridge.db");
    }

    String bridgePassphrase() throws IOException {
        return Files.readString(keys.passphraseFile(), StandardCharsets.UTF_8).trim();
    }
}
