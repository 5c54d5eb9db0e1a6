// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.NewRecord;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.bridge.store.TestDatabases;

/** A stolen database must yield no sender identifier: scan every byte the database leaves on disk. */
class DatabaseLeakTest {

    private static final String ADDRESS = "someone@example.org";
    private static final String UUID = "5f1a0c2e-1234-4abc-8def-0123456789ab";

    @TempDir
    Path tmp;

    @Test
    void databaseHoldsNoIdentifier() throws IOException {
        Path dir = tmp.resolve("data");
        MappingSecrets secrets = MappingSecrets.generate(tmp.resolve("mapping.secrets"));
        SecureRandom rng = new SecureRandom();
        var config = TestDatabases.store(tmp);
        try (RecordStore store = RecordStore.open(config)) {
            Handles handles = new Handles(store, secrets, new ReplyAddressBox(secrets, rng), rng);
            Instant now = Instant.parse("2026-11-01T10:00:00Z");
            ReplyAddress reply = new ReplyAddress(
                    Channel.EMAIL, ADDRESS, Optional.of(ADDRESS.getBytes(StandardCharsets.UTF_8)), Optional.empty());
            Handle handle = handles.assign(Channel.EMAIL, ADDRESS, reply, now);
            handles.assign(Channel.EMAIL, ADDRESS, reply, now.plusSeconds(60));
            handles.assign(
                    Channel.SIGNAL,
                    UUID,
                    new ReplyAddress(Channel.SIGNAL, UUID, Optional.empty(), Optional.of(60)),
                    now);
            store.commit(new NewRecord(
                    handle.value(),
                    Channel.EMAIL,
                    now,
                    secrets.dedupeKey(Channel.EMAIL, "<" + ADDRESS + ">", new byte[32]),
                    new byte[] {1},
                    List.of()));
            assertNoIdentifierIn(TestDatabases.dumpInto(config, dir));
        }
        assertNoIdentifierIn(TestDatabases.dumpInto(config, dir));
    }

    private static void assertNoIdentifierIn(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String needle : needles()) {
                    assertThat(bytes)
                            .as("%s must not contain a form of the identifier", file.getFileName())
                            .doesNotContain(needle);
                }
            }
        }
    }

    private static List<String> needles() {
        List<String> out = new ArrayList<>();
        for (String identifier : List.of(ADDRESS, UUID, "someone")) {
            for (String form :
                    List.of(identifier, identifier.toUpperCase(Locale.ROOT), identifier.toLowerCase(Locale.ROOT))) {
                out.add(form);
                out.add(new String(form.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1));
                out.add(new String(form.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1));
                out.add(HexFormat.of().formatHex(form.getBytes(StandardCharsets.UTF_8)));
                out.addAll(base64Forms(form));
            }
        }
        return out;
    }

    /** The identifier's Base64 at each of the three alignments it can have inside a longer encoding. */
    private static List<String> base64Forms(String form) {
        List<String> out = new ArrayList<>();
        for (int pad = 0; pad < 3; pad++) {
            byte[] shifted = new byte[pad + form.length()];
            System.arraycopy(form.getBytes(StandardCharsets.UTF_8), 0, shifted, pad, form.length());
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            int skip = (pad * 4 + 2) / 3;
            out.add(encoded.substring(skip, encoded.length() - 2));
        }
        return out;
    }
}
