// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.flood;

import java.time.Clock;
import org.tipbridge.bridge.handle.MappingSecrets;
import org.tipbridge.bridge.store.Channel;
import org.tipbridge.conf.FloodsConfig;

/** The daemon's flood and disk-space guards: one {@link ChannelFloods} per channel, one {@link DiskGuard}. */
public record Floods(ChannelFloods email, ChannelFloods signal, DiskGuard disk) {

    public static Floods create(FloodsConfig config, MappingSecrets secrets, DiskGuard disk, Clock clock) {
        return new Floods(
                new ChannelFloods(Channel.EMAIL, config, secrets, clock),
                new ChannelFloods(Channel.SIGNAL, config, secrets, clock),
                disk);
    }
}
