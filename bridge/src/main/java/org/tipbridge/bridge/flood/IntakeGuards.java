// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import java.util.Optional;

/** What an intake checks before it takes a message: its channel's rate limits and the disk space. */
public record IntakeGuards(Optional<ChannelFloods> floods, DiskGuard disk) {

    public IntakeGuards(ChannelFloods floods, DiskGuard disk) {
        this(Optional.of(floods), disk);
    }

    /** No rate limits and no disk check (tests of other parts of an intake). */
    public static IntakeGuards none() {
        return new IntakeGuards(Optional.empty(), DiskGuard.off());
    }
}
