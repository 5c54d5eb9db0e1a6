// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.conf;

import java.time.Duration;

/**
 * Intake policy ({@code [intake]}): whether unencrypted mail is accepted, and how coarsely receive
 * times are recorded (a duration that divides a day, e.g. 1m, 15m, 1h, 1d).
 */
public record IntakeConfig(boolean acceptPlaintext, Duration timeGranularity) {}
