// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.handle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipbridge.bridge.store.Channel;

class MappingSecretsTest {

    @TempDir
    Path tmp;

    @Test
    void messageTokenIsStablePerOutboxIdAndKeyed() {
        MappingSecrets a = MappingSecrets.generate(tmp.resolve("a.secrets"));
        MappingSecrets b = MappingSecrets.generate(tmp.resolve("b.secrets"));

        assertThat(a.messageToken(7)).matches("[a-z2-7]{26}").isEqualTo(a.messageToken(7));
        assertThat(a.messageToken(8)).isNotEqualTo(a.messageToken(7));
        assertThat(b.messageToken(7)).isNotEqualTo(a.messageToken(7));
    }

    @Test
    void secretsFileIsOwnerOnly() throws Exception {
        Path file = tmp.resolve("keys").resolve("mapping.secrets");
        MappingSecrets.generate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void refusesWorldReadableSecrets() throws Exception {
        Path file = tmp.resolve("mapping.secrets");
        MappingSecrets.generate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> MappingSecrets.load(file))
                .isInstanceOf(HandleException.SecretsUnusable.class)
                .hasMessageContaining("chmod 600 " + file);
    }

    @Test
    void refusesGroupReadableSecrets() throws Exception {
        Path file = tmp.resolve("mapping.secrets");
        MappingSecrets.generate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> MappingSecrets.load(file)).hasMessageContaining("chmod 600");
    }

    @Test
    void refusesToOverwriteSecrets() {
        Path file = tmp.resolve("mapping.secrets");
        MappingSecrets.generate(file);

        assertThatThrownBy(() -> MappingSecrets.generate(file))
                .isInstanceOf(HandleException.SecretsUnusable.class)
                .hasMessageContaining("overwrite");
    }

    @Test
    void missingOrMalformedSecretsAreRefused() throws Exception {
        Path file = tmp.resolve("mapping.secrets");
        assertThatThrownBy(() -> MappingSecrets.load(file)).hasMessageContaining("do not exist");

        Files.write(file, new byte[69]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> MappingSecrets.load(file)).hasMessageContaining("malformed");
    }

    @Test
    void loadedSecretsGiveTheSameKeys() {
        Path file = tmp.resolve("mapping.secrets");
        MappingSecrets generated = MappingSecrets.generate(file);
        MappingSecrets loaded = MappingSecrets.load(file);

        assertThat(loaded.lookupKey(Channel.EMAIL, "a@example.org"))
                .hasSize(32)
                .isEqualTo(generated.lookupKey(Channel.EMAIL, "a@example.org"));
        assertThat(loaded.dedupeKey(Channel.EMAIL, "<id@x>", new byte[] {1}))
                .isEqualTo(generated.dedupeKey(Channel.EMAIL, "<id@x>", new byte[] {1}));
    }

    @Test
    void keysAreSeparatedByPurposeChannelAndSecrets() {
        MappingSecrets secrets = MappingSecrets.generate(tmp.resolve("one"));
        MappingSecrets other = MappingSecrets.generate(tmp.resolve("two"));

        byte[] lookup = secrets.lookupKey(Channel.EMAIL, "a@example.org");
        assertThat(secrets.lookupKey(Channel.SIGNAL, "a@example.org")).isNotEqualTo(lookup);
        assertThat(other.lookupKey(Channel.EMAIL, "a@example.org")).isNotEqualTo(lookup);
        assertThat(secrets.dedupeKey(Channel.EMAIL, "a@example.org", new byte[0]))
                .isNotEqualTo(lookup);
        assertThat(secrets.dedupeKey(Channel.EMAIL, "ab", new byte[] {'c'}))
                .isNotEqualTo(secrets.dedupeKey(Channel.EMAIL, "a", new byte[] {'b', 'c'}));
    }

    @Test
    void toStringShowsNoSecret() throws Exception {
        Path file = tmp.resolve("mapping.secrets");
        MappingSecrets secrets = MappingSecrets.generate(file);
        String hex = HexFormat.of().formatHex(Files.readAllBytes(file));

        assertThat(secrets.toString()).isEqualTo("MappingSecrets[redacted]");
        assertThat(hex).doesNotContain(secrets.toString());
    }
}
