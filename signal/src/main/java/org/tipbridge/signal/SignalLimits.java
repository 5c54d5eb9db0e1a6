// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.signal;

/**
 * Bounds on everything read from signal-cli: the length of one JSON-RPC line, JSON nesting depth,
 * the length of one string, and the number of items in one array. A line or value beyond them is
 * refused with {@link SignalCliException.Protocol}; nothing is buffered beyond {@code maxLineBytes}.
 */
public record SignalLimits(int maxLineBytes, int maxDepth, int maxStringBytes, int maxArrayItems) {

    /** Defaults: 64 MiB lines (a base64 attachment from getAttachment), depth 32, 48 MiB strings, 1,000 items. */
    public static final SignalLimits DEFAULT = new SignalLimits(64 << 20, 32, 48 << 20, 1000);

    public SignalLimits {
        if (maxLineBytes < 1024 || maxDepth < 4 || maxStringBytes < 1024 || maxArrayItems < 1) {
            throw new IllegalArgumentException("signal limits too small");
        }
    }
}
