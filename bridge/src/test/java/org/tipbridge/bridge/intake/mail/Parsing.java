// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.conf.LimitsConfig;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.SecretKey;

/** Shared set-up for parser tests: generous default limits, the fake OpenPGP, an in-memory sealer. */
final class Parsing {
    static final LimitsConfig LIMITS =
            new LimitsConfig(10L * 1024 * 1024, 50, 8, 16 * 1024, 4096, 50L * 1024 * 1024, 100, 256 * 1024);

    final InMemorySealer sealer;
    final MailParser parser;

    Parsing(OpenPgp pgp, SecretKey key, LimitsConfig limits, boolean acceptPlaintext, InMemorySealer sealer) {
        this.sealer = sealer;
        this.parser = new MailParser(pgp, key, limits, acceptPlaintext, sealer);
    }

    Parsing(OpenPgp pgp, LimitsConfig limits, boolean acceptPlaintext, InMemorySealer sealer) {
        this(pgp, FakeOpenPgp.bridgeKey(), limits, acceptPlaintext, sealer);
    }

    static Parsing plaintextAllowed() {
        return new Parsing(new FakeOpenPgp(), LIMITS, true, new InMemorySealer());
    }

    static Parsing encryptedOnly() {
        return new Parsing(new FakeOpenPgp(), LIMITS, false, new InMemorySealer());
    }

    static Parsing withLimits(LimitsConfig limits) {
        return new Parsing(new FakeOpenPgp(), limits, true, new InMemorySealer());
    }

    ParsedMail parse(String message) throws IntakeException {
        return parser.parse(TestMail.stream(message), SignerDirectory.none());
    }

    ParsedMail parse(InputStream message) throws IntakeException {
        return parser.parse(message, SignerDirectory.none());
    }

    void rejects(String message, QuarantineReason reason) {
        rejects(TestMail.stream(message), reason);
    }

    void rejects(InputStream message, QuarantineReason reason) {
        assertThatThrownBy(() -> parse(message))
                .isInstanceOf(IntakeException.Rejected.class)
                .extracting(e -> ((IntakeException.Rejected) e).reason())
                .isEqualTo(reason);
    }

    static LimitsConfig limits(
            int maxParts, int maxDepth, int maxHeaderBytes, int maxLineBytes, long maxMessageBytes, int maxText) {
        return new LimitsConfig(
                maxMessageBytes, maxParts, maxDepth, maxHeaderBytes, maxLineBytes, 50L * 1024 * 1024, 100, maxText);
    }
}
