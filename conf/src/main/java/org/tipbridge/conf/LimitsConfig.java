// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

/**
 * Limits on untrusted input ({@code [limits]}); a message over any of them is quarantined.
 * {@code maxCompressionRatio} bounds decompressed bytes per compressed byte of OpenPGP data.
 */
public record LimitsConfig(
        long maxMessageBytes,
        int maxParts,
        int maxDepth,
        int maxHeaderBytes,
        int maxLineBytes,
        long maxDecompressedBytes,
        int maxCompressionRatio,
        int maxTextBytes) {}
