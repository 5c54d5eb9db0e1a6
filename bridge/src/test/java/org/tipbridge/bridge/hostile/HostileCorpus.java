// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tipbridge.conf.LimitsConfig;

/**
 * The generated adversarial corpus: every hostile case with its expected outcome. Cases are made
 * by code (no hand-made blobs), with fixed seeds, so a run is reproducible. One class per family
 * (MIME structure, headers, charsets and encodings, OpenPGP, partly encrypted and protected
 * headers, attachment names, escape sequences, archives, Signal lines); limits are those of the
 * built-in configuration, read from conf, so "just over" follows the defaults.
 */
public final class HostileCorpus {
    private static final LimitsConfig LIMITS = readDefaults();
    private static List<HostileCase> all;

    private HostileCorpus() {}

    /** Every case, mail first, then Signal; names are unique. Made once per run (bytes lazily). */
    public static synchronized List<HostileCase> all() {
        if (all == null) {
            List<HostileCase> cases = new ArrayList<>();
            cases.addAll(MimeCases.all(LIMITS));
            cases.addAll(HeaderCases.all(LIMITS));
            cases.addAll(CharsetCases.all());
            cases.addAll(EncodedWordCases.all(LIMITS));
            cases.addAll(PgpCases.all());
            cases.addAll(BombCases.all());
            cases.addAll(PartialCases.all());
            cases.addAll(NameCases.all());
            cases.addAll(EscapeCases.all());
            cases.addAll(ArchiveCases.all());
            cases.addAll(SignalCases.all());
            all = List.copyOf(cases);
        }
        return all;
    }

    /** The size of a case in bytes (generated, not held, when it is large). */
    public static long length(HostileCase c) throws IOException {
        if (c instanceof GeneratedCase generated) {
            return generated.length();
        }
        try (InputStream in = c.open()) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    /** The {@code [limits]} defaults of the built-in configuration. */
    public static LimitsConfig defaultLimits() {
        return LIMITS;
    }

    private static LimitsConfig readDefaults() {
        try {
            Path home = Files.createTempDirectory("tipbridge-defaults");
            try {
                return HostileFixture.defaults(home).limits();
            } finally {
                Files.deleteIfExists(home.resolve(org.tipbridge.conf.ConfigLoader.FILE_NAME));
                Files.deleteIfExists(home);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
