// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.pipeline.AnalystSeal;
import org.tipbridge.bridge.store.Storage;
import org.tipbridge.bridge.store.TestDatabases;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.GeneratedKey;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.signal.FakeSignalCli;
import org.tipbridge.signal.SignalEnvelope;

/** Attachments whose file is not in signal-cli's folder are asked of signal-cli (getAttachment) over a real socket. */
class SignalAttachmentFetchTest {
    private static final OpenPgp PGP = OpenPgp.create();
    private static final String ACI = "8f2c6a0e-3b1d-4e7a-9c55-0d1e2f3a4b5c";

    @TempDir
    Path tmp;

    private FakeSignalCli signalCli;
    private SignalCliAttachmentFetcher fetcher;
    private GeneratedKey analyst;
    private SignalAttachments attachments;
    private Storage storage;

    @BeforeEach
    void setUp() throws Exception {
        signalCli = FakeSignalCli.start(Files.createDirectory(tmp.resolve("peer")));
        fetcher = new SignalCliAttachmentFetcher(
                signalCli.endpoint(FakeSignalCli.Transport.UNIX), Optional.empty(), Duration.ofSeconds(5));
        analyst = PGP.generateKey("analyst <a@localhost>", new char[0]);
        storage = Storage.open(TestDatabases.store(tmp), java.time.Clock.systemUTC());
        AnalystSeal seal = new AnalystSeal(PGP, () -> List.of(analyst.certificate()), storage.blobs());
        Path dataDir =
                Files.createDirectories(tmp.resolve("signal-cli/attachments")).getParent();
        attachments = new SignalAttachments(dataDir, seal, 1 << 20, fetcher);
    }

    @AfterEach
    void tearDown() throws Exception {
        fetcher.close();
        signalCli.close();
        storage.close();
    }

    @Test
    void attachmentNotInTheFolderIsFetchedFromSignalCliAndSealed() throws Exception {
        byte[] photo = "not really a jpeg".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        signalCli.answers().attachment("Remote1.jpg", photo);

        SignalAttachments.Sealed sealed = attachments.seal(List.of(attachment("Remote1.jpg")), Optional.of(ACI));

        assertThat(sealed.notes()).isEmpty();
        assertThat(sealed.files()).as("nothing of ours to delete").isEmpty();
        assertThat(sealed.attachments()).singleElement().satisfies(a -> {
            assertThat(a.size()).isEqualTo(photo.length);
            assertThat(open(a.blob().id())).isEqualTo(photo);
        });
        assertThat(signalCli.requests().stream()
                        .filter(r -> r.path("method").asText().equals("getAttachment"))
                        .map(r -> r.path("params").path("recipient").asText()))
                .containsExactly(ACI);
    }

    @Test
    void attachmentSignalCliDoesNotHaveEitherIsRecordedAsMissing() throws Exception {
        SignalAttachments.Sealed sealed = attachments.seal(List.of(attachment("Gone.jpg")), Optional.of(ACI));

        assertThat(sealed.attachments()).isEmpty();
        assertThat(sealed.notes()).containsExactly("an attachment could not be read from signal-cli and is missing");
    }

    @Test
    void unreachableSignalCliKeepsTheTipInTheSpool() throws Exception {
        signalCli.close();

        assertThatThrownBy(() -> attachments.seal(List.of(attachment("Remote2.jpg")), Optional.of(ACI)))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void closedFetcherNeverReconnects() throws Exception {
        signalCli.answers().attachment("Remote3.jpg", new byte[] {1});
        fetcher.close();

        assertThatThrownBy(() -> attachments.seal(List.of(attachment("Remote3.jpg")), Optional.of(ACI)))
                .isInstanceOf(java.io.IOException.class);
        assertThat(signalCli.requests())
                .noneMatch(r -> r.path("method").asText().equals("getAttachment"));
    }

    @Test
    void declaredSizeOverTheLimitIsRefusedWithoutFetching() throws Exception {
        SignalEnvelope.Attachment big = new SignalEnvelope.Attachment(
                "Huge.bin", Optional.of("video/mp4"), Optional.empty(), OptionalLong.of((1 << 20) + 1));

        assertThatThrownBy(() -> attachments.seal(List.of(big), Optional.of(ACI)))
                .isInstanceOf(SignalAttachments.TooLarge.class);
        assertThat(signalCli.requests())
                .noneMatch(r -> r.path("method").asText().equals("getAttachment"));
    }

    @Test
    void fetchedAttachmentOverTheSizeLimitIsRefused() throws Exception {
        signalCli.answers().attachment("Big.bin", new byte[(1 << 20) + 1]);

        assertThatThrownBy(() -> attachments.seal(List.of(attachment("Big.bin")), Optional.of(ACI)))
                .isInstanceOf(SignalAttachments.TooLarge.class);
    }

    private static SignalEnvelope.Attachment attachment(String id) {
        return new SignalEnvelope.Attachment(id, Optional.of("image/jpeg"), Optional.empty(), OptionalLong.empty());
    }

    private byte[] open(String blobId) throws Exception {
        byte[] sealed;
        try (java.io.InputStream in = storage.blobs().open(blobId)) {
            sealed = in.readAllBytes();
        }
        DecryptingStream plain =
                PGP.decrypt(new ByteArrayInputStream(sealed), DecryptOptions.with(analyst.key(), 1 << 22));
        byte[] bytes = plain.readAllBytes();
        plain.close();
        return bytes;
    }
}
