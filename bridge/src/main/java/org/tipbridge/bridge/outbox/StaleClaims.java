// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.tipbridge.conf.ClusterConfig;
import org.tipbridge.conf.OutboundConfig;

/**
 * When an outbox entry left {@code sending} by another dispatcher may be queued again: once its
 * claim is older than any send can take. The stale age is
 *
 * <pre>
 * timeout_seconds x SEND_STEPS + failover_seconds + MARGIN
 * </pre>
 *
 * {@code timeout_seconds} ({@code [outbound]}) bounds each network step of a send; {@value
 * #SEND_STEPS} steps cover the longest send: SMTP through a SOCKS proxy with STARTTLS and a login
 * (proxy connect and handshake, greeting, EHLO, STARTTLS, TLS handshake, EHLO again, AUTH with its
 * exchanges, MAIL, RCPT, DATA, the body, the final reply, QUIT) and, far shorter, a Signal send
 * (connect, trust, send). {@code failover_seconds} ({@code [cluster]}) is how long a node may be
 * silent (paused) and still count as alive, and {@value #MARGIN_SECONDS} s cover the work between
 * the claim and the first network step and the skew between the nodes' clocks. Defaults: 60 x 16
 * + 30 + 60 = 1050 s.
 */
public final class StaleClaims {
    static final int SEND_STEPS = 16;
    static final long MARGIN_SECONDS = 60;

    private StaleClaims() {}

    /** The stale age for {@code outbound} and {@code cluster}. */
    public static Duration staleAge(OutboundConfig outbound, ClusterConfig cluster) {
        return outbound.timeout()
                .multipliedBy(SEND_STEPS)
                .plus(cluster.failover())
                .plusSeconds(MARGIN_SECONDS);
    }

    /** A fresh dispatcher instance id: no two dispatchers, here or on another node, share one. */
    public static String newInstanceId() {
        byte[] bytes = new byte[8];
        new SecureRandom().nextBytes(bytes);
        return "outbox-" + HexFormat.of().formatHex(bytes);
    }
}
