// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

/**
 * The configuration cannot be used. The message is one line naming the key as written in
 * {@code tipbridge.toml} (and the environment variable when the value came from there) and what
 * is allowed; it never contains the offending value, which may be a secret.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
