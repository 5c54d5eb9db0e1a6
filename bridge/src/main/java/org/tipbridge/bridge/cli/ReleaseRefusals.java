// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.util.Map;
import java.util.Optional;
import org.tipbridge.bridge.pipeline.ReleaseOverride;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.bridge.store.QuarantineEntry;

/** Why a quarantine entry cannot be released, in one line, or empty when it can be. */
final class ReleaseRefusals {
    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("decompression-limit", "a decompression bomb is not released: the limits protect the server"),
            Map.entry(
                    "message-too-large",
                    "a message over the size limit is not released: the limits protect the server"),
            Map.entry("too-many-parts", "a message over the part limit is not released: the limits protect the server"),
            Map.entry("too-deep", "a message nested too deep is not released: the limits protect the server"),
            Map.entry(
                    "header-too-large", "a message with a giant header is not released: the limits protect the server"),
            Map.entry("line-too-long", "a message with a giant line is not released: the limits protect the server"),
            Map.entry("text-too-large", "a message over the text limit is not released: the limits protect the server"),
            Map.entry("malformed-mime", "malformed MIME is not released: the same bytes would fail the same way"),
            Map.entry("malformed-pgp", "malformed OpenPGP is not released: the same bytes would fail the same way"),
            Map.entry(
                    "integrity-failure",
                    "a message that failed its integrity check is not released: it may have been" + " tampered with"),
            Map.entry(
                    "not-encrypted-to-bridge",
                    "a message encrypted to another key is not released: the bridge" + " cannot read it"),
            Map.entry(
                    "automated",
                    "automated mail (a bounce, an auto-reply) is not released: its sender is a mailer, not a"
                            + " source, and it may quote a source's address"),
            Map.entry("no-sender", "a message without a sender address is not released: no handle can be made for it"));

    private ReleaseRefusals() {}

    static Optional<String> refusal(QuarantineEntry entry) {
        if (entry.channel() == Channel.SIGNAL) {
            return Optional.of("a Signal entry is not released: the message is not kept after quarantine"
                    + " (`tipbridge quarantine show` shows what was kept)");
        }
        if (ReleaseOverride.forCode(entry.reasonCode()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(WHY.getOrDefault(
                entry.reasonCode(), "a message quarantined as " + entry.reasonCode() + " is not released"));
    }
}
