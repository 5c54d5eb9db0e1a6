// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.Optional;
import org.apache.james.mime4j.io.MaxHeaderLengthLimitException;
import org.apache.james.mime4j.io.MaxHeaderLimitException;
import org.apache.james.mime4j.io.MaxLineLimitException;
import org.tipbridge.bridge.pipeline.IntakeException;
import org.tipbridge.bridge.pipeline.QuarantineReason;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.PgpStreamException;

/**
 * Translates whatever escaped the parse into one intake outcome. The source's own I/O errors win
 * (retry), then decisions already taken, then OpenPGP and mime4j failures; anything else is
 * malformed MIME.
 */
final class FailureMapper {
    private FailureMapper() {}

    static IntakeException map(Throwable failure) {
        return find(failure, SourceFailure.class)
                .<IntakeException>map(e -> new IntakeException.TransientIo("reading the message failed", e))
                .or(() -> find(failure, IntakeAbort.class).map(IntakeAbort::decision))
                .or(() -> pgp(failure))
                .or(() -> mimeLimit(failure))
                .orElseGet(() -> new IntakeException.Rejected(QuarantineReason.MALFORMED_MIME, failure));
    }

    static QuarantineReason reasonFor(PgpException failure) {
        if (failure instanceof PgpException.CannotDecrypt) {
            return QuarantineReason.NOT_ENCRYPTED_TO_BRIDGE;
        } else if (failure instanceof PgpException.LimitExceeded) {
            return QuarantineReason.DECOMPRESSION_LIMIT;
        } else if (failure instanceof PgpException.IntegrityFailure) {
            return QuarantineReason.INTEGRITY_FAILURE;
        }
        return QuarantineReason.MALFORMED_PGP;
    }

    private static Optional<IntakeException> pgp(Throwable failure) {
        Optional<PgpException> pgp = find(failure, PgpStreamException.class)
                .map(PgpStreamException::failure)
                .or(() -> find(failure, PgpException.class));
        return pgp.map(e -> new IntakeException.Rejected(reasonFor(e), e));
    }

    private static Optional<IntakeException> mimeLimit(Throwable failure) {
        if (find(failure, MaxLineLimitException.class).isPresent()) {
            return Optional.of(new IntakeException.Rejected(QuarantineReason.LINE_TOO_LONG, failure));
        }
        if (find(failure, MaxHeaderLimitException.class).isPresent()
                || find(failure, MaxHeaderLengthLimitException.class).isPresent()) {
            return Optional.of(new IntakeException.Rejected(QuarantineReason.HEADER_TOO_LARGE, failure));
        }
        return Optional.empty();
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        int guard = 0;
        for (Throwable t = failure; t != null && guard < 32; t = t.getCause(), guard++) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
