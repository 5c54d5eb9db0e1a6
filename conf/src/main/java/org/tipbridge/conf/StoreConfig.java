// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where records live ({@code [store]}): the JDBC url (default: SQLite in the data directory), the
 * directory for sealed blobs (SQLite only: on PostgreSQL blobs are stored in the database, so that
 * several nodes need no shared file system), and for PostgreSQL the login name and the file holding
 * its password.
 */
public record StoreConfig(String url, Path blobDir, Optional<String> user, Optional<Path> passwordFile) {

    /** A store without login (SQLite, or PostgreSQL trusting the local user). */
    public StoreConfig(String url, Path blobDir) {
        this(url, blobDir, Optional.empty(), Optional.empty());
    }

    /** Whether the url selects PostgreSQL. */
    public boolean postgresql() {
        return url.startsWith("jdbc:postgresql:");
    }
}
