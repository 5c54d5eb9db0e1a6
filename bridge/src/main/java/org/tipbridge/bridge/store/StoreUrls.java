// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.store;

import java.nio.file.Path;
import org.tipbridge.conf.StoreConfig;

/** Picks the engine for a JDBC url. Errors never repeat the url: it may hold secrets. */
final class StoreUrls {

    private static final String SQLITE = "jdbc:sqlite:";

    private StoreUrls() {}

    static RecordStore open(StoreConfig config) {
        if (config.url().startsWith(SQLITE)) {
            return SqliteRecordStore.open(sqliteFile(config.url()));
        }
        if (config.postgresql()) {
            return PostgresRecordStore.open(config);
        }
        throw unsupported();
    }

    static StoreException unsupported() {
        return new StoreException(
                "unsupported store url: use jdbc:sqlite:PATH or jdbc:postgresql://HOST:PORT/DATABASE");
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
