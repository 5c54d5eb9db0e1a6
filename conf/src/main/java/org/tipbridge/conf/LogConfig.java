// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.nio.file.Path;
import java.util.Optional;

/** Logging ({@code [log]}): level (error, warn, info, debug) and an optional file (default stderr). */
public record LogConfig(String level, Optional<Path> file) {}
