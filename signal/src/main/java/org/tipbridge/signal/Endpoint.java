// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

import java.nio.file.Path;
import java.util.Objects;

/** Where the signal-cli daemon listens: its UNIX socket ({@code --socket}) or a TCP port ({@code --tcp}). */
public sealed interface Endpoint permits Endpoint.Unix, Endpoint.Tcp {

    /** A UNIX domain socket, e.g. {@code $XDG_RUNTIME_DIR/signal-cli/socket}. */
    record Unix(Path socket) implements Endpoint {
        public Unix {
            Objects.requireNonNull(socket, "socket");
        }
    }

    /** A TCP address, e.g. {@code localhost:7583}. */
    record Tcp(String host, int port) implements Endpoint {
        public Tcp {
            Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }
}
