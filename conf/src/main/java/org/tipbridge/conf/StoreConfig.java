// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where records live ({@code [store]}): the JDBC url (default: SQLite in the data directory), the
 * directory for sealed blobs (SQLite only: on PostgreSQL blobs are stored in the database, so that
 * several nodes need no shared file system), and for PostgreSQL the login name and the file holding
 * its password; {@code minFreeBytes} is the free disk space below which the daemon stops taking
 * messages (0: never stops).
 */
public record StoreConfig(
        String url, Path blobDir, Optional<String> user, Optional<Path> passwordFile, long minFreeBytes) {

    /** The default of {@code [store] min_free_mb}. */
    public static final long DEFAULT_MIN_FREE_BYTES = 256L * 1024 * 1024;

    /** A store with the default free-space threshold. */
    public StoreConfig(String url, Path blobDir, Optional<String> user, Optional<Path> passwordFile) {
        this(url, blobDir, user, passwordFile, DEFAULT_MIN_FREE_BYTES);
    }

    /** A store without login (SQLite, or PostgreSQL trusting the local user). */
    public StoreConfig(String url, Path blobDir) {
        this(url, blobDir, Optional.empty(), Optional.empty());
    }

    /** Whether the url selects PostgreSQL. */
    public boolean postgresql() {
        return url.startsWith("jdbc:postgresql:");
    }
}
