// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How replies and acknowledgements leave ({@code [outbound]}): the SMTP server, its security and
 * login, an optional SOCKS5 proxy (Tor), the greeting name, what to do without a source key, and
 * the retry schedule. {@code smtpHost} empty means: the embedded mailbox when it runs, else none.
 * {@code tls} is {@code NONE} only towards this machine or an {@code .onion} host, and
 * {@code retryMin} is at most {@code retryMax}.
 */
public record OutboundConfig(
        String smtpHost,
        int smtpPort,
        MailboxConfig.Tls tls,
        Optional<String> user,
        Path passwordFile,
        Optional<HostPort> socksProxy,
        Optional<String> heloName,
        NoKeyPolicy noKeyPolicy,
        Duration pollInterval,
        Duration retryMin,
        Duration retryMax,
        Duration giveUpAfter,
        Duration timeout) {

    /** What happens to a reply when no key of the source is known. */
    public enum NoKeyPolicy {
        /** The reply waits with status {@code needs-decision} until an analyst decides. */
        REFUSE,
        /** The reply is sent unencrypted. */
        PLAINTEXT
    }

    /** A host and port, as in {@code socks_proxy = "127.0.0.1:9050"}. */
    public record HostPort(String host, int port) {}

    public boolean configured() {
        return !smtpHost.isEmpty();
    }
}
