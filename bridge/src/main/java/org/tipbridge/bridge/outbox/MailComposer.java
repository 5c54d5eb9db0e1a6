// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tipbridge.pgp.Certificate;
import org.tipbridge.pgp.EncryptOptions;
import org.tipbridge.pgp.OpenPgp;
import org.tipbridge.pgp.PgpException;
import org.tipbridge.pgp.PgpStreamException;
import org.tipbridge.pgp.SecretKey;

/**
 * Turns an {@link OutgoingMail} into the exact bytes that go to the SMTP server: RFC 3156 PGP/MIME
 * encrypted to the source and signed by the bridge key, the real subject only inside (protected
 * headers), or a plain quoted-printable text mail. It writes only From, To, Subject, Date,
 * Message-ID, MIME-Version, Auto-Submitted (acknowledgements) and the content headers: nothing
 * that names this machine or this software, and a header value with a control character is
 * refused with {@link IllegalArgumentException}. Lines end with CRLF and stay within 78 columns
 * (armor and quoted-printable within 76).
 */
public final class MailComposer {
    static final String HIDDEN_SUBJECT = "...";
    private static final String CRLF = MimeHeaders.CRLF;
    private static final char[] BOUNDARY_CHARS =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int BOUNDARY_LENGTH = 32;

    private final OpenPgp pgp;
    private final SecretKey bridgeKey;
    private final SecureRandom rng;

    public MailComposer(OpenPgp pgp, SecretKey bridgeKey, SecureRandom rng) {
        this.pgp = Objects.requireNonNull(pgp, "pgp");
        this.bridgeKey = Objects.requireNonNull(bridgeKey, "bridgeKey");
        this.rng = Objects.requireNonNull(rng, "rng");
    }

    /** A PGP/MIME message encrypted to {@code source} and signed by the bridge key; its outer Subject is "...". */
    public byte[] encrypted(OutgoingMail mail, Certificate source) throws PgpException {
        String inner = protectedEntity(mail);
        String armor = crlf(encrypt(inner.getBytes(StandardCharsets.US_ASCII), source));
        String boundary = boundary();
        String headers = envelope(mail, HIDDEN_SUBJECT)
                .fixed(
                        "Content-Type",
                        "multipart/encrypted; protocol=\"application/pgp-encrypted\";",
                        "boundary=\"" + boundary + "\"")
                .end();
        String body = "--" + boundary + CRLF
                + "Content-Type: application/pgp-encrypted" + CRLF
                + CRLF
                + "Version: 1" + CRLF
                + CRLF
                + "--" + boundary + CRLF
                + "Content-Type: application/octet-stream; name=\"encrypted.asc\"" + CRLF
                + "Content-Disposition: inline; filename=\"encrypted.asc\"" + CRLF
                + CRLF
                + armor
                + "--" + boundary + "--" + CRLF;
        return (headers + body).getBytes(StandardCharsets.US_ASCII);
    }

    /** A single text/plain quoted-printable message with the real subject. */
    public byte[] plaintext(OutgoingMail mail) {
        String headers = envelope(mail, mail.subject())
                .fixed("Content-Type", "text/plain; charset=utf-8")
                .fixed("Content-Transfer-Encoding", "quoted-printable")
                .end();
        return (headers + QuotedPrintable.encode(mail.text())).getBytes(StandardCharsets.US_ASCII);
    }

    /** The outer headers shared by both forms, before the content headers. */
    private static MimeHeaders envelope(OutgoingMail mail, String subject) {
        MimeHeaders headers = new MimeHeaders()
                .address("From", mail.from())
                .address("To", mail.to())
                .subject(subject)
                .date(mail.date())
                .messageId(mail.messageId())
                .fixed("MIME-Version", "1.0");
        if (mail.automatic()) {
            headers.fixed("Auto-Submitted", "auto-replied");
        }
        return headers;
    }

    /** The plaintext inside the encryption: a text/plain entity carrying the real headers (protected-headers=v1). */
    private static String protectedEntity(OutgoingMail mail) {
        String headers = new MimeHeaders()
                .fixed("Content-Type", "text/plain; charset=utf-8; protected-headers=\"v1\"")
                .fixed("Content-Transfer-Encoding", "quoted-printable")
                .subject(mail.subject())
                .address("From", mail.from())
                .address("To", mail.to())
                .date(mail.date())
                .messageId(mail.messageId())
                .end();
        return headers + QuotedPrintable.encode(mail.text());
    }

    private String encrypt(byte[] entity, Certificate source) throws PgpException {
        ByteArrayOutputStream armored = new ByteArrayOutputStream(entity.length * 2 + 1024);
        EncryptOptions options = new EncryptOptions(List.of(source), Optional.of(bridgeKey), true, false);
        try (OutputStream plaintext = pgp.encrypt(armored, options)) {
            plaintext.write(entity);
        } catch (PgpStreamException e) {
            throw e.failure();
        } catch (IOException e) {
            // Only the in-memory sink is written; an I/O failure here is a bug, not a mail problem.
            throw new UncheckedIOException("encrypting into memory failed", e);
        }
        return armored.toString(StandardCharsets.US_ASCII);
    }

    /** Armor with CRLF line ends, ending with CRLF (Bouncy Castle writes the platform's line end). */
    private static String crlf(String armor) {
        String lines = armor.replace("\r\n", "\n").replace('\r', '\n').replace("\n", CRLF);
        return lines.endsWith(CRLF) ? lines : lines + CRLF;
    }

    private String boundary() {
        char[] chars = new char[BOUNDARY_LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = BOUNDARY_CHARS[rng.nextInt(BOUNDARY_CHARS.length)];
        }
        return new String(chars);
    }
}
