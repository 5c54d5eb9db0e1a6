// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.pipeline;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tipbridge.bridge.hostile.HostileCase;
import org.tipbridge.bridge.store.StoreException;
import org.tipbridge.bridge.testing.FuzzSeeds;

/**
 * Raw mail bytes through the whole e-mail pipeline (parse, decrypt, verify, MIME, scrub and seal
 * attachments, strip, seal, commit) into a real store. Every build runs the seeds and the files in
 * {@code MailPipelineFuzzTestInputs}; with {@code JAZZER_FUZZ=1} Jazzer mutates them (docs/fuzzing.md).
 * The fuzz JVM's heap cap ({@code -Xmx}) turns unbounded memory into a finding, the timeout a hang.
 */
class MailPipelineFuzzTest {
    private static final AtomicLong UPSTREAM_IDS = new AtomicLong();
    private static Path dir;
    private static MailIntakeFixture intake;

    @BeforeAll
    static void openStore() throws Exception {
        dir = Files.createTempDirectory("tipbridge-fuzz-mail");
        intake = new MailIntakeFixture(dir);
    }

    @AfterAll
    static void closeStore() throws Exception {
        intake.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    static Stream<Arguments> seeds() {
        return FuzzSeeds.hostile(HostileCase.Kind.MAIL, "")
                .resources(
                        "interop/plaintext.eml",
                        "interop/pgpmime-unsigned-25519.eml",
                        "interop/pgpmime-signed-rsa.eml",
                        "interop/pgpmime-protected-headers-25519.eml",
                        "interop/inline-signed-25519.eml",
                        "interop/inline-unsigned-rsa.eml",
                        "mail/clear-signed-25519.eml")
                .text("minimal", "From: a@example.org\r\n\r\nhello\r\n")
                .text(
                        "minimal multipart",
                        "From: a@example.org\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                                + "Content-Type: text/plain\r\n\r\nhello\r\n--b\r\nContent-Type: image/png\r\n"
                                + "Content-Disposition: attachment; filename=a.png\r\n\r\nPNG\r\n--b--\r\n")
                .stream();
    }

    /**
     * Any bytes become an outcome (a prepared record, a duplicate, or a quarantine with a reason the
     * parser chose), or a transient failure whose cause is local I/O. The parser's safety net
     * ({@code processing-failed}: an unexpected exception inside it) counts as a finding, as does
     * any other exception or error.
     */
    @MethodSource("seeds")
    @FuzzTest(maxDuration = "40s")
    void anyBytesBecomeAnOutcomeOrATransientIoFailure(byte[] raw) throws Exception {
        Outcome outcome;
        try {
            outcome = intake.pipeline().ingest(new ByteArrayInputStream(raw), "fuzz-" + UPSTREAM_IDS.incrementAndGet());
            if (outcome instanceof Outcome.Prepared) {
                intake.pipeline().flush();
            }
        } catch (IntakeException.TransientIo e) {
            if (!causedByIo(e)) {
                throw new AssertionError("a transient failure without an I/O cause", e);
            }
            return;
        }
        if (outcome instanceof Outcome.Quarantined q && q.reason() == QuarantineReason.PROCESSING_FAILED) {
            throw new AssertionError(
                    "the parser failed unexpectedly (its safety net quarantined the message)",
                    intake.parseFailure(raw).orElse(null));
        }
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof java.io.IOException || c instanceof StoreException || c instanceof java.sql.SQLException) {
                return true;
            }
        }
        return false;
    }
}
