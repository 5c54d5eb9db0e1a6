// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.time.Duration;
import java.util.Properties;
import org.tipbridge.conf.MailboxConfig;
import org.tipbridge.conf.OutboundConfig;

/**
 * Jakarta Mail session properties for sending: the greeting name is always ours (never the machine's
 * host name), TLS as configured with the certificate checked against the host name, and no plaintext
 * fallback when STARTTLS is required, and relays asked never to send delivery reports. No
 * {@code mail.debug}: the protocol trace would hold addresses.
 *
 * <p>With a SOCKS proxy, Jakarta Mail still looks the SMTP host name up in the local DNS and gives
 * the proxy the address; only a name that does not resolve locally (a {@code .onion} name) reaches
 * the proxy as a name. Behind Tor, configure an onion or IP address to avoid that lookup.
 */
final class SmtpSettings {
    static final String PROTOCOL = "smtp";
    private static final String P = "mail.smtp.";

    private SmtpSettings() {}

    static Properties properties(OutboundConfig config, String host, int port, String heloName) {
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", PROTOCOL);
        props.setProperty(P + "host", host);
        props.setProperty(P + "port", Integer.toString(port));
        props.setProperty(P + "localhost", heloName);
        String timeout = Long.toString(millis(config.timeout()));
        props.setProperty(P + "connectiontimeout", timeout);
        props.setProperty(P + "timeout", timeout);
        props.setProperty(P + "writetimeout", timeout);
        props.setProperty(P + "sendpartial", "false");
        // NOTIFY=NEVER (sent only when the server offers DSN): no delivery report comes back quoting the source.
        props.setProperty(P + "dsn.notify", "NEVER");
        props.setProperty(P + "ssl.checkserveridentity", "true");
        tls(props, config.tls());
        props.setProperty(P + "auth", Boolean.toString(config.user().isPresent()));
        // PLAIN and LOGIN only: the other mechanisms Jakarta Mail knows add nothing over TLS.
        props.setProperty(P + "auth.mechanisms", "PLAIN LOGIN");
        config.socksProxy().ifPresent(proxy -> {
            props.setProperty(P + "socks.host", proxy.host());
            props.setProperty(P + "socks.port", Integer.toString(proxy.port()));
        });
        return props;
    }

    private static void tls(Properties props, MailboxConfig.Tls tls) {
        switch (tls) {
            case IMPLICIT -> props.setProperty(P + "ssl.enable", "true");
            case STARTTLS -> {
                props.setProperty(P + "starttls.enable", "true");
                props.setProperty(P + "starttls.required", "true");
            }
            case NONE -> props.setProperty(P + "starttls.enable", "false");
        }
    }

    private static long millis(Duration timeout) {
        return Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }
}
