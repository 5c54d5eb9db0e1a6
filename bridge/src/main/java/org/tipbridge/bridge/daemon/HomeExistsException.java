// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.daemon;

import java.nio.file.Path;

/** {@code init} found an existing home and refused to touch it. */
public final class HomeExistsException extends java.io.IOException {
    public HomeExistsException(Path dir) {
        super(dir + " already exists and is not empty; init never overwrites a home. "
                + "Choose another --home, or move the old one away if you really mean to start again");
    }
}
