// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * All raw values by table and key: the template's defaults, overlaid by the user's file, overlaid
 * by {@code TIPBRIDGE_<TABLE>_<KEY>} environment variables. The template defines which tables and
 * keys exist; anything else in the file, or a variable naming a known table but an unknown key,
 * is rejected.
 */
final class Settings {

    static final String ENV_PREFIX = "TIPBRIDGE_";

    /** Variables that share the prefix but are not overrides. */
    private static final Set<String> RESERVED = Set.of("TIPBRIDGE_HOME", "TIPBRIDGE_PASSPHRASE");

    private final Map<String, Map<String, Setting>> tables = new LinkedHashMap<>();

    private Settings() {}

    static Settings merge(JsonNode defaults, JsonNode file, Path fileName, Map<String, String> env) {
        Settings settings = new Settings();
        defaults.properties().forEach(table -> settings.addDefaults(table.getKey(), table.getValue()));
        settings.overlayFile(file, fileName);
        new TreeMap<>(env).forEach(settings::overlayEnv);
        return settings;
    }

    Setting get(String table, String key) {
        Map<String, Setting> keys = tables.get(table);
        if (keys == null || !keys.containsKey(key)) {
            throw new IllegalArgumentException("no such key in the template: [" + table + "] " + key);
        }
        return keys.get(key);
    }

    private void addDefaults(String table, JsonNode values) {
        Map<String, Setting> keys = new LinkedHashMap<>();
        values.properties().forEach(e -> keys.put(e.getKey(), fileSetting(table, e.getKey(), e.getValue())));
        tables.put(table, keys);
    }

    private void overlayFile(JsonNode file, Path fileName) {
        for (Map.Entry<String, JsonNode> table : file.properties()) {
            Map<String, Setting> keys = knownTable(table.getKey(), table.getValue(), fileName);
            table.getValue().properties().forEach(e -> {
                if (!keys.containsKey(e.getKey())) {
                    throw new ConfigException("unknown key [" + table.getKey() + "] " + printable(e.getKey()) + " in "
                            + fileName + "; known keys are " + String.join(", ", keys.keySet()));
                }
                keys.put(e.getKey(), fileSetting(table.getKey(), e.getKey(), e.getValue()));
            });
        }
    }

    private Map<String, Setting> knownTable(String table, JsonNode values, Path fileName) {
        Map<String, Setting> keys = tables.get(table);
        if (keys == null) {
            throw new ConfigException("unknown " + (values.isObject() ? "table [" : "key '") + printable(table)
                    + (values.isObject() ? "]" : "' outside any table") + " in " + fileName
                    + "; tables are " + String.join(", ", tables.keySet()));
        }
        if (!values.isObject()) {
            throw new ConfigException("[" + table + "] in " + fileName + " must be a table");
        }
        return keys;
    }

    /** A key name from the file, safe to print: control characters become '?'. */
    private static String printable(String name) {
        return name.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    private void overlayEnv(String name, String value) {
        if (!name.startsWith(ENV_PREFIX) || RESERVED.contains(name)) {
            return;
        }
        String rest = name.substring(ENV_PREFIX.length());
        for (Map.Entry<String, Map<String, Setting>> table : tables.entrySet()) {
            String tablePrefix = table.getKey().toUpperCase(Locale.ROOT) + "_";
            if (rest.startsWith(tablePrefix)) {
                overlayEnvKey(table.getKey(), table.getValue(), rest.substring(tablePrefix.length()), name, value);
                return;
            }
        }
    }

    private static void overlayEnvKey(
            String table, Map<String, Setting> keys, String upperKey, String name, String value) {
        String key = upperKey.toLowerCase(Locale.ROOT);
        if (!upperKey.equals(key.toUpperCase(Locale.ROOT)) || !keys.containsKey(key)) {
            throw new ConfigException("environment variable " + name + " names no key in [" + table
                    + "]; known keys are " + String.join(", ", keys.keySet()));
        }
        keys.put(key, new Setting(keyName(table, key), Optional.of(name), TextNode.valueOf(value)));
    }

    private static Setting fileSetting(String table, String key, JsonNode value) {
        return new Setting(keyName(table, key), Optional.empty(), value);
    }

    private static String keyName(String table, String key) {
        return "[" + table + "] " + key;
    }
}
