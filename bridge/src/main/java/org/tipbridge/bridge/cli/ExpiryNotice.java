// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.cli;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.tipbridge.bridge.retention.ExpiryWarning;
import org.tipbridge.bridge.retention.ExpiryWarning.Expiring;
import org.tipbridge.bridge.retention.RetentionPolicy;
import org.tipbridge.bridge.store.RecordStore;
import org.tipbridge.conf.TipbridgeConfig;

/** The "records expire soon" warning of {@code status} and {@code queue list}. */
record ExpiryNotice(ExpiryWarning warning, List<Expiring> expiring, Instant now) {

    /** The records that expire within {@code [retention] warn_days} from now. */
    static ExpiryNotice find(TipbridgeConfig config, RecordStore store) {
        ExpiryWarning warning = new ExpiryWarning(new RetentionPolicy(config.retention()));
        Instant now = Instant.now();
        return new ExpiryNotice(warning, warning.find(store, now), now);
    }

    /** Prints the warning line, if any record expires soon. */
    static void print(Output out, TipbridgeConfig config, RecordStore store) {
        find(config, store).lines().forEach(out::text);
    }

    List<String> lines() {
        return warning.lines(expiring, now);
    }

    /** For {@code --json}: period, count and each record's id, date and rule. */
    Map<String, Object> json() {
        return warning.json(expiring, now);
    }
}
