// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

/**
 * The whole validated configuration, built once at start from {@code tipbridge.toml} and
 * {@code TIPBRIDGE_<TABLE>_<KEY>} environment overrides. Paths are already resolved against the
 * home directory.
 */
public record TipbridgeConfig(
        MailboxConfig mailbox,
        IntakeConfig intake,
        LimitsConfig limits,
        KeysConfig keys,
        StoreConfig store,
        OutboundConfig outbound,
        AcknowledgementConfig acknowledgement,
        SignalConfig signal,
        LogConfig log,
        RetentionConfig retention,
        ClusterConfig cluster,
        FloodsConfig floods) {}
