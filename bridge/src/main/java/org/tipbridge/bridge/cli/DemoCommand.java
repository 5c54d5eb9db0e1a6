// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tipbridge.bridge.daemon.Daemon;
import org.tipbridge.bridge.daemon.Home;
import org.tipbridge.bridge.daemon.HomeInitializer;
import org.tipbridge.bridge.daemon.SecureFiles;
import org.tipbridge.bridge.demo.DemoTip;
import org.tipbridge.bridge.demo.SmtpSubmit;
import org.tipbridge.bridge.keys.KeyFileException;
import org.tipbridge.bridge.log.LogSetup;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.RecordSummary;
import org.tipbridge.bridge.store.StoredRecord;
import org.tipbridge.conf.ConfigLoader;
import org.tipbridge.conf.TipbridgeConfig;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.SecretKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tipbridge demo}: the whole loop on one machine. Creates a fresh home, runs the daemon on
 * the embedded mailbox, sends one encrypted, signed tip over SMTP as a source would, and shows the
 * sealed record as an analyst reads it.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Show one tip going through, on a fresh home with the embedded mailbox.")
public final class DemoCommand implements Runnable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "Where to create the demo home (must not exist; " + "default: a new temporary directory).")
    Path dir;

    @Override
    public void run() {
        Output out = new Output(System.out);
        String handle = "HANDLE";
        try {
            Home home = new Home(dir != null ? dir.toAbsolutePath() : Files.createTempDirectory("tipbridge-demo-"));
            HomeInitializer.Result init = InitCommand.initialise(home, true);
            out.text("1. Created a home at " + home.dir() + " (bridge key "
                    + init.bridge().fingerprint() + ")");
            TipbridgeConfig config = ConfigLoader.load(home.dir(), System.getenv());
            LogSetup.configure("warn", Optional.empty());
            Daemon daemon = Daemon.start(config, System.getenv());
            try {
                out.text("2. Daemon running; embedded mailbox SMTP 127.0.0.1:"
                        + config.mailbox().smtpPort());
                sendTip(config, init, out);
                RecordSummary row = awaitRecord(config);
                out.text("4. Sealed as record " + row.id() + " for handle " + row.handle() + "; the analyst sees:");
                out.text("");
                show(config, init, row.id());
                handle = row.handle();
            } finally {
                daemon.close();
            }
            out.text("");
            out.text("Next: `tipbridge run --home " + home.dir() + "` keeps it running; send mail to "
                    + config.mailbox().address() + " via 127.0.0.1:"
                    + config.mailbox().smtpPort()
                    + ". Answer the source with `tipbridge reply " + handle + " --home " + home.dir()
                    + " --message TEXT`. docs/operator.md shows a real deployment.");
        } catch (IOException | PgpException | KeyFileException e) {
            throw new CliFailure.Other("demo failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sendTip(TipbridgeConfig config, HomeInitializer.Result init, Output out)
            throws IOException, PgpException {
        byte[] mail = DemoTip.compose(
                OpenPgp.create(),
                init.bridge(),
                config.mailbox().address(),
                "Pangolin scales are moved through the border post at night, in maize sacks.");
        SmtpSubmit.send(
                "127.0.0.1",
                config.mailbox().smtpPort(),
                DemoTip.SOURCE_ADDRESS,
                config.mailbox().address(),
                mail);
        out.text("3. A source sent a signed tip encrypted to the bridge key (" + mail.length + " bytes over SMTP)");
    }

    private static RecordSummary awaitRecord(TipbridgeConfig config) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        try (RecordStore store = RecordStore.open(config.store())) {
            while (Instant.now().isBefore(deadline)) {
                List<RecordSummary> rows = store.list(1);
                if (!rows.isEmpty()) {
                    return rows.get(0);
                }
                Thread.sleep(100);
            }
        }
        throw new CliFailure.Other("no record after " + WAIT.getSeconds() + " s; the daemon's log above says why");
    }

    private static void show(TipbridgeConfig config, HomeInitializer.Result init, long id) throws IOException {
        OpenPgp pgp = OpenPgp.create();
        char[] passphrase = SecureFiles.readSecret(init.analystPassphrase().orElseThrow());
        StoredRecord record;
        try (RecordStore store = RecordStore.open(config.store())) {
            record = store.get(id).orElseThrow();
        }
        try (InputStream in = Files.newInputStream(init.analystKey().orElseThrow());
                SecretKey key = pgp.readSecretKey(in, passphrase)) {
            RecordView.text(
                    new Output(System.out),
                    id,
                    record.summary(),
                    new RecordOpener(pgp).open(record.sealedRecord(), key),
                    java.util.List.of());
        } catch (PgpException e) {
            throw new CliFailure.CannotDecrypt("the quickstart analyst key could not be unlocked");
        }
    }
}
