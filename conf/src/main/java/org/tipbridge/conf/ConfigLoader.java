// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the validated {@link TipbridgeConfig} once at start: {@code home/tipbridge.toml} laid over
 * the defaults of {@link ConfigTemplate}, then {@code TIPBRIDGE_<TABLE>_<KEY>} environment
 * variables laid over that, relative paths resolved against home. {@code TIPBRIDGE_HOME} and
 * {@code TIPBRIDGE_PASSPHRASE} are not overrides; other variables are ignored unless they start
 * with {@code TIPBRIDGE_} followed by a known table name.
 */
public final class ConfigLoader {

    /** The configuration file's name inside the home directory. */
    public static final String FILE_NAME = "tipbridge.toml";

    private static final TomlMapper TOML = new TomlMapper();

    private ConfigLoader() {}

    /**
     * Loads and validates the configuration.
     *
     * @param home the tipbridge home directory holding {@code tipbridge.toml}
     * @param env the environment, usually {@code System.getenv()}
     * @throws ConfigException when the file is missing or unreadable, or any value is invalid
     */
    public static TipbridgeConfig load(Path home, Map<String, String> env) {
        Path absoluteHome = home.toAbsolutePath().normalize();
        Path file = absoluteHome.resolve(FILE_NAME);
        JsonNode defaults = parse(ConfigTemplate.text(), Path.of("(built-in template)"));
        JsonNode user = parse(read(file), file);
        Sections sections = new Sections(Settings.merge(defaults, user, file, env), absoluteHome);
        return new TipbridgeConfig(
                sections.mailbox(),
                sections.intake(),
                sections.limits(),
                sections.keys(),
                sections.store(),
                sections.outbound(),
                sections.acknowledgement(),
                sections.signal(),
                sections.log(),
                sections.retention(),
                sections.cluster(),
                sections.floods());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("no configuration file at " + file + "; run `tipbridge init` to create one");
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + " is not valid UTF-8");
        } catch (IOException e) {
            throw new ConfigException(
                    "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Parses TOML; a syntax error names only the position, since the text near it may be secret. */
    private static JsonNode parse(String text, Path source) {
        try {
            JsonNode tree = TOML.readTree(text);
            return tree == null ? TOML.createObjectNode() : tree;
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigException(source + " is not valid TOML" + where);
        }
    }
}
