// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.store.RecordSummary;
import org.tipbridge.bridge.store.StoredRecord;
import org.tipbridge.bridge.testing.MailBuilder;
import org.tipbridge.pgp.DecryptOptions;
import org.tipbridge.pgp.DecryptingStream;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.SecretKey;

/**
 * Threat model: "someone who takes over the server later: past tips stay unreadable". The only
 * secret key a server holds is the bridge key; it must open neither a sealed record nor a sealed
 * attachment, while an analyst's key opens both (so the test would see a record sealed to the
 * bridge).
 */
class ServerTakeoverTest {
    private static final OpenPgp PGP = OpenPgp.create();
    private static final long MAX = 64L << 20;

    @TempDir
    Path dir;

    private MailIntakeFixture intake;
    private StoredRecord record;

    @BeforeEach
    void ingestOneEncryptedTipWithAnAttachment() throws Exception {
        intake = new MailIntakeFixture(dir);
        byte[] raw =
                MailBuilder.plain(MailBuilder.identifyingHeaders("source@example.net", "takeover"), "manifest", "");
        raw = withAttachment(raw);
        Outcome outcome = intake.pipeline().ingest(new ByteArrayInputStream(raw), "1/1");
        assertThat(outcome).isInstanceOf(Outcome.Prepared.class);
        intake.pipeline().flush();
        List<RecordSummary> all = intake.storage().records().list(10);
        assertThat(all).hasSize(1);
        record = intake.storage().records().get(all.get(0).id()).orElseThrow();
    }

    @AfterEach
    void close() {
        intake.close();
    }

    @Test
    void theBridgeKeyCannotOpenASealedRecord() throws Exception {
        assertThatThrownBy(() -> open(new ByteArrayInputStream(record.sealedRecord()), intake.bridgeKey()))
                .isInstanceOf(PgpException.CannotDecrypt.class);
        assertThat(open(new ByteArrayInputStream(record.sealedRecord()), analystKey()))
                .isNotEmpty();
    }

    @Test
    void theBridgeKeyCannotOpenASealedAttachment() throws Exception {
        assertThat(record.attachmentBlobs()).isNotEmpty();
        for (String blob : record.attachmentBlobs()) {
            assertThatThrownBy(() -> open(intake.storage().blobs().open(blob), intake.bridgeKey()))
                    .isInstanceOf(PgpException.CannotDecrypt.class);
            assertThat(open(intake.storage().blobs().open(blob), analystKey())).isNotNull();
        }
    }

    /** Replaces the plain body with a multipart: text plus one small attachment. */
    private static byte[] withAttachment(byte[] plain) {
        String text = new String(plain, StandardCharsets.UTF_8);
        String headers = text.substring(0, text.indexOf("Subject:"));
        String boundary = "takeover-boundary";
        return (headers
                        + "Subject: manifest\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\""
                        + boundary + "\"\r\n\r\n--" + boundary
                        + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe manifest is attached.\r\n--"
                        + boundary
                        + "\r\nContent-Type: application/octet-stream; name=\"manifest.bin\"\r\n"
                        + "Content-Disposition: attachment; filename=\"manifest.bin\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n"
                        + Base64.getMimeEncoder()
                                .encodeToString("container 4471, quai 12".getBytes(StandardCharsets.UTF_8))
                        + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] open(InputStream sealed, SecretKey key) throws PgpException, IOException {
        try (sealed;
                DecryptingStream plain = PGP.decrypt(sealed, DecryptOptions.with(key, MAX))) {
            return plain.readAllBytes();
        }
    }

    private static SecretKey analystKey() throws Exception {
        try (InputStream in = MailIntakeFixture.resource("interop/analyst.sec.asc")) {
            return PGP.readSecretKey(in, "analyst-test-passphrase".toCharArray());
        }
    }
}
