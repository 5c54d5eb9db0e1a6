// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.nio.file.Path;

/**
 * Where records live ({@code [store]}): the JDBC url (default: SQLite in the data directory) and
 * the directory for sealed blobs.
 */
public record StoreConfig(String url, Path blobDir) {}
