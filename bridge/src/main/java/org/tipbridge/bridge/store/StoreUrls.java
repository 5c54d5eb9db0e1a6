// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.nio.file.Path;

/** Picks the engine for a JDBC url. */
final class StoreUrls {

    private static final String SQLITE = "jdbc:sqlite:";

    private StoreUrls() {}

    static RecordStore open(String url) {
        if (url.startsWith(SQLITE)) {
            return SqliteRecordStore.open(sqliteFile(url));
        }
        if (url.startsWith("jdbc:postgresql:")) {
            throw new StoreException("PostgreSQL support arrives with issue 6; use a jdbc:sqlite: url for now");
        }
        throw new StoreException("unsupported store url: only jdbc:sqlite:PATH is supported for now");
    }

    /** The database file of a {@code jdbc:sqlite:PATH} url; in-memory and {@code file:} urls are refused. */
    static Path sqliteFile(String url) {
        String rest = url.substring(SQLITE.length());
        int query = rest.indexOf('?');
        String path = query < 0 ? rest : rest.substring(0, query);
        if (path.isBlank() || path.startsWith(":memory:") || path.startsWith("file:")) {
            throw new StoreException("the store url must name a database file: jdbc:sqlite:/path/to/tipbridge.db");
        }
        return Path.of(path);
    }
}
