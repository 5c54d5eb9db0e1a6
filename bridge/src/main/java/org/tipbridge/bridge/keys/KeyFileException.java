// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.keys;

/** A key or certificate file could not be used; the message says what to do and holds no key data. */
public final class KeyFileException extends Exception {
    public KeyFileException(String message) {
        super(message, null, false, false);
    }
}
