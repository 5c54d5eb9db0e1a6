// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code [store] url}: empty means SQLite at {@code data/tipbridge.db} under home; a SQLite url
 * with a relative file path is resolved against home; other JDBC urls are kept as written. The url
 * may hold a password, so errors never repeat it.
 */
final class StoreUrl {

    private static final String ALLOWED = "must be empty (SQLite in the data directory) or a JDBC url jdbc:...";
    private static final String SQLITE = "jdbc:sqlite:";

    private StoreUrl() {}

    static String resolve(Setting setting, Path home) {
        String url = setting.text(ALLOWED);
        if (url.isEmpty()) {
            return SQLITE + home.resolve("data").resolve("tipbridge.db");
        }
        if (!url.startsWith("jdbc:") || url.chars().anyMatch(Character::isWhitespace)) {
            throw setting.invalid(ALLOWED);
        }
        return url.startsWith(SQLITE) ? resolveSqlite(setting, url.substring(SQLITE.length()), home) : url;
    }

    private static String resolveSqlite(Setting setting, String rest, Path home) {
        int query = rest.indexOf('?');
        String file = query < 0 ? rest : rest.substring(0, query);
        String params = query < 0 ? "" : rest.substring(query);
        if (file.isEmpty() || file.startsWith(":") || file.startsWith("file:")) {
            return SQLITE + rest;
        }
        try {
            return SQLITE + home.resolve(file).normalize() + params;
        } catch (InvalidPathException e) {
            throw setting.invalid(ALLOWED);
        }
    }
}
