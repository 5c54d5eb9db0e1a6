// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.time.Duration;
import java.util.Optional;

/**
 * Several daemons on one PostgreSQL database ({@code [cluster]}; ignored on SQLite, where one
 * daemon holds the home). {@code nodeName} names this node in the log and the job store, where a
 * random suffix per start follows it (empty: "node"). {@code failover}: when a node stops checking in for this long,
 * another node takes over its periodic jobs and its standing connections (IMAP IDLE, the Signal
 * subscription).
 */
public record ClusterConfig(Optional<String> nodeName, Duration failover) {}
