// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

/**
 * The commented default {@code tipbridge.toml} that {@code tipbridge init} writes. It is also the
 * single source of defaults and of the set of known keys: {@link ConfigLoader} reads it first and
 * lays the user's file and the environment over it.
 */
public final class ConfigTemplate {

    private static final String TEXT = """
            # tipbridge configuration.
            #
            # Every key below is shown with its default. Any key can be overridden by an environment
            # variable TIPBRIDGE_<TABLE>_<KEY> in upper case, e.g. TIPBRIDGE_MAILBOX_IMAP_PORT=2200
            # overrides imap_port in [mailbox]. Relative paths are resolved against the tipbridge
            # home directory (the directory holding this file).

            [mailbox]
            # IMAP server to read tips from; empty runs the embedded mailbox on 127.0.0.1.
            host = ""
            # IMAP port (1-65535); with the embedded mailbox, the local IMAP port.
            imap_port = 2143
            # SMTP port (1-65535) of the embedded mailbox; senders deliver tips here.
            smtp_port = 2525
            # Transport security towards host: none, starttls or implicit.
            tls = "none"
            # IMAP login name.
            user = "tips@localhost"
            # File holding the IMAP password (keep it mode 0600).
            password_file = "secrets/mailbox-password"
            # Folder to read tips from.
            folder = "INBOX"
            # Folder that quarantined messages are moved to (created when missing), so nothing is lost.
            quarantine_folder = "Quarantine"
            # Address tips are sent to; published together with the bridge key.
            address = "tips@localhost"
            # Use IMAP IDLE to learn about new mail at once (true or false).
            idle = true
            # Seconds between mailbox checks (1-86400), also when IDLE is on.
            poll_seconds = 60
            # Longest wait in seconds between reconnect attempts (1-86400).
            reconnect_max_seconds = 300

            [intake]
            # Accept tips that arrive unencrypted (true or false).
            accept_plaintext = true
            # Receive times are rounded down to this: Nm, Nh or 1d, dividing a day evenly, at least 1m.
            time_granularity = "1h"

            [limits]
            # Sizes are whole bytes or a number with B, KiB, MiB or GiB, e.g. "256MiB".
            # Largest accepted message.
            max_message_bytes = "256MiB"
            # Most MIME parts in one message.
            max_parts = 200
            # Deepest nesting of MIME parts.
            max_depth = 12
            # Largest header block of one part.
            max_header_bytes = "64KiB"
            # Longest line in a part.
            max_line_bytes = 100000
            # Most bytes decompressed out of one OpenPGP message.
            max_decompressed_bytes = "1GiB"
            # Most decompressed bytes per compressed byte of OpenPGP data.
            max_compression_ratio = 1000
            # Largest text body kept from one tip.
            max_text_bytes = "2MiB"

            [keys]
            # The bridge's passphrase-protected secret key (armored).
            bridge_key = "keys/bridge.sec.asc"
            # File holding the passphrase of the bridge key (keep it mode 0600).
            passphrase_file = "secrets/bridge-passphrase"
            # Name of an environment variable holding the passphrase instead; empty uses passphrase_file.
            passphrase_env = ""
            # Directory of analyst certificates records are encrypted to.
            analysts_dir = "analysts"
            # File holding the secrets that map senders to handles (keep it mode 0600).
            mapping_secrets = "secrets/mapping.key"

            [store]
            # JDBC url of the record store; empty uses SQLite in data/tipbridge.db.
            url = ""
            # Directory for sealed blobs (SQLite only: PostgreSQL keeps blobs in the database).
            blob_dir = "data/blobs"
            # PostgreSQL only (url = "jdbc:postgresql://HOST:PORT/DATABASE"): the login name,
            user = ""
            # and the file holding its password (empty: no password, e.g. trust on a local socket).
            password_file = ""
            # Stop taking messages while the data directory, the blob directory or the temporary
            # directory has less than this many MiB free (nothing is fetched or acknowledged; mail
            # stays in the mailbox, Signal messages on Signal's server); take them again once 10%
            # more than this is free. 0: never stop.
            min_free_mb = 256

            [floods]
            # Rate limits (token buckets). Each sender (one conversation) may send sender_burst
            # messages at once, then sender_per_hour an hour; each channel (e-mail, Signal) takes
            # channel_burst at once, then channel_per_hour an hour from all senders together. A
            # message needs a token from both, so one flooding sender cannot use up the channel
            # for everyone; messages without a usable sender share one sender bucket. Whole
            # numbers 1-1000000; the sender's may not be larger than the channel's.
            # Messages one sender may send at once,
            sender_burst = 20
            # and then per hour.
            sender_per_hour = 120
            # Messages one channel takes at once from all senders together,
            channel_burst = 500
            # and then per hour.
            channel_per_hour = 6000
            # What becomes of a message over a limit: quarantine (a small row with reason
            # rate-limited, no copy of the message; mail is moved to the quarantine folder) or drop
            # (counted, deleted upstream, nothing kept). Either way it is counted in tipbridge status.
            policy = "quarantine"

            [outbound]
            # SMTP server that replies and acknowledgements leave through. Empty: with the embedded
            # mailbox, replies are delivered into it (a trial setup); otherwise they wait in the outbox.
            smtp_host = ""
            # SMTP port (1-65535).
            smtp_port = 25
            # Transport security towards smtp_host: none, starttls or implicit. none is refused unless
            # smtp_host is this machine (localhost, 127.x.x.x, ::1) or an .onion address.
            tls = "none"
            # SMTP login name; empty sends without authentication.
            user = ""
            # File holding the SMTP password (keep it mode 0600); used only when user is set.
            password_file = "secrets/outbound-password"
            # SOCKS5 proxy as host:port, e.g. "127.0.0.1:9050" so mail leaves through Tor; empty: direct.
            socks_proxy = ""
            # Name given in the SMTP greeting; empty uses the domain of [mailbox] address, never the host name.
            helo_name = ""
            # When no key of the source is known: refuse (the reply waits for an analyst's decision)
            # or plaintext (send it unencrypted).
            no_key_policy = "refuse"
            # Seconds between outbox checks (1-86400).
            poll_seconds = 10
            # First wait in seconds after a temporary failure (1-86400); it doubles on each retry.
            retry_min_seconds = 30
            # Longest wait in seconds between retries (1-86400), at least retry_min_seconds.
            retry_max_seconds = 3600
            # Hours after which a reply that still could not be delivered is marked failed (1-8760).
            give_up_hours = 72
            # Seconds to wait for the SMTP server to connect or answer (1-86400).
            timeout_seconds = 60

            [acknowledgement]
            # Tell an e-mail source automatically that their first tip arrived (true or false).
            email = true
            # Also acknowledge follow-up tips, at most once per min_interval_hours (true or false).
            follow_ups = false
            # At most one acknowledgement per conversation within this many hours (1-8760).
            min_interval_hours = 24
            # At most this many acknowledgements in any hour, across all conversations (stops a flood of
            # forged senders from turning the tip line into a mail cannon). A whole number 1-100000.
            max_per_hour = 100
            # Tell a Signal source automatically that their first tip arrived (true or false).
            signal = true
            # The acknowledgement's text; {handle} is replaced by the source's reference.
            text = \"""
            Thank you. Your report has arrived and is stored encrypted, readable only by our analysts.

            Your reference is {handle}. Write to us again from the same address or number to add to
            your report; it will be filed under the same reference.

            An analyst may answer you here. If you think someone else reads your messages, delete this
            message and do not write again from there.\"""

            [signal]
            # UNIX socket of the signal-cli daemon (signal-cli daemon --socket PATH); empty: not used.
            socket = ""
            # TCP address host:port of the signal-cli daemon when no socket is set, e.g.
            # "127.0.0.1:7583"; empty: not used. With neither, the Signal channel is off.
            tcp = ""
            # The organisation's Signal account as given to signal-cli -a; empty when its daemon runs with -a.
            account = ""
            # signal-cli's directory, as given to signal-cli --config: attachments are read from its
            # attachments/ folder and deleted there once sealed.
            data_dir = "/var/lib/signal-cli"
            # Sent once to a group, on its first message (group messages are never stored), e.g.
            # "We do not read group messages. Please write to this number directly, one to one."
            # Empty: groups get no answer. Off by default: an answer tells every group member that
            # this number reads the group.
            group_notice = ""
            # Raise an alarm in tipbridge status when no Signal message arrived for this many hours
            # (signal-cli may need an upgrade, or the account is blocked); 0: no alarm.
            alarm_quiet_hours = 0

            [retention]
            # Days after which tipbridge deletes for good (0: never by this rule). A record held with
            # `tipbridge queue keep ID --until DATE` is kept until that date whatever the rules say.
            # A closed record, counted from when it was closed:
            closed_days = 30
            # Any record no analyst acted on (status, tag, assignment, note), counted from its
            # arrival or the last action (a hold is not an action: it protects the record meanwhile):
            untouched_days = 90
            # A handle's link to its sender (lookup hash, sealed reply address, source key), counted
            # from the sender's last message; it also goes as soon as all the handle's records are
            # gone. Afterwards the same sender gets a new handle and cannot be answered on the old one.
            handle_idle_days = 90
            # Quarantined messages and set-aside Signal lines, counted from arrival:
            quarantine_days = 30
            # status and queue list point out records expiring within this many days:
            warn_days = 7
            # How often the daemon applies these rules, in minutes:
            run_minutes = 60

            [cluster]
            # Several daemons on one PostgreSQL database (ignored with SQLite). This node's name in
            # the log and the job store, followed there by a random suffix per start ("node" if empty).
            node_name = ""
            # Seconds after which a node that stopped checking in is replaced: another node takes
            # over its periodic jobs, its IMAP IDLE connection and the Signal subscription (10-3600).
            failover_seconds = 30

            [log]
            # Log level: error, warn, info or debug.
            level = "info"
            # Log file (created mode 0600); empty logs to stderr.
            file = ""
            """;

    private ConfigTemplate() {}

    /** Returns the default configuration file, every key present and commented. */
    public static String text() {
        return TEXT;
    }
}
