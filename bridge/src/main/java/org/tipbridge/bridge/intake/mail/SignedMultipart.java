// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.MimeConfig;
import org.tipbridge.pgp.DetachedVerification;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.SignatureStatus;

/**
 * An RFC 3156 multipart/signed. The first part is walked as it streams while a canonical (CRLF)
 * copy of its raw bytes is kept for the signature check: the signature comes after the part, so
 * the copy must be kept until then. All copies of one message (nested multipart/signed keep one
 * each) share one allowance of {@link #MAX_SIGNED_BYTES} (or the message size limit, if smaller);
 * a part that does not fit is still read, but its signature is reported unchecked.
 */
final class SignedMultipart {
    static final long MAX_SIGNED_BYTES = 64L * 1024 * 1024;
    static final int MAX_SIGNATURE_BYTES = 64 * 1024;
    static final String TOO_LARGE = "the signed part was too large for its signature to be checked";
    static final String UNREADABLE = "a signature could not be read";
    private final MailWalk walk;
    private final TrustScope scope;
    private Optional<CanonicalCapture> capture = Optional.empty();
    private Optional<byte[]> signedData = Optional.empty();
    private Optional<byte[]> signature = Optional.empty();
    private boolean overflowed;

    SignedMultipart(MailWalk walk, TrustScope scope) {
        this.walk = walk;
        this.scope = scope;
    }

    /** Receives the raw bytes of part {@code position} (1: signed content, 2: signature). */
    void part(int position, InputStream raw) throws IOException, MimeException {
        if (position == 1) {
            CanonicalCapture copy = new CanonicalCapture(raw, walk.budget());
            capture = Optional.of(copy);
            MimeWalker.walkEntity(walk, scope, copy);
            Streams.discard(copy, Long.MAX_VALUE);
            signedData = copy.captured();
            overflowed = signedData.isEmpty();
        } else if (position == 2) {
            signature = SignatureReader.read(raw, walk.budget().limits());
        } else {
            Streams.discard(raw, Long.MAX_VALUE);
        }
    }

    /** Checks the signature once both parts were seen and records the outcome for the scope. */
    void verify() {
        decide();
        signedData = Optional.empty();
        capture.ifPresent(CanonicalCapture::release);
    }

    private void decide() {
        if (overflowed) {
            walk.warn(TOO_LARGE);
            walk.addSignature(SignatureStatus.UNVERIFIED, scope);
        } else if (signedData.isPresent() && signature.isPresent()) {
            walk.addSignature(check(signedData.get(), signature.get()), scope);
        } else if (signedData.isPresent()) {
            walk.warn(UNREADABLE);
            walk.addSignature(SignatureStatus.BAD, scope);
        }
    }

    private SignatureStatus check(byte[] data, byte[] sig) {
        try {
            DetachedVerification verification = walk.pgp()
                    .verifyDetached(
                            new ByteArrayInputStream(data), new ByteArrayInputStream(sig), walk.decryptOptions());
            return verification.status();
        } catch (PgpException | RuntimeException e) {
            walk.warn(UNREADABLE);
            return SignatureStatus.BAD;
        }
    }

    /** Reads the (small) signature part's transfer-decoded body. */
    private static final class SignatureReader extends AbstractContentHandler {
        private Optional<byte[]> body = Optional.empty();

        static Optional<byte[]> read(InputStream raw, org.tipbridge.conf.LimitsConfig limits)
                throws IOException, MimeException {
            MimeConfig config = MimeConfig.custom()
                    .setMaxLineLen(limits.maxLineBytes())
                    .setMaxHeaderLen(limits.maxHeaderBytes())
                    .setMaxContentLen(-1)
                    .build();
            MimeStreamParser parser = new MimeStreamParser(config);
            SignatureReader reader = new SignatureReader();
            parser.setContentHandler(reader);
            parser.setContentDecoding(true);
            parser.setFlat();
            parser.parse(raw);
            return reader.body;
        }

        @Override
        public void body(BodyDescriptor descriptor, InputStream in) throws IOException {
            Streams.Prefix prefix = Streams.readAtMost(in, MAX_SIGNATURE_BYTES);
            body = prefix.complete() ? Optional.of(prefix.bytes()) : Optional.empty();
            Streams.discard(in, Long.MAX_VALUE);
        }
    }
}
