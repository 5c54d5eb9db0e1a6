// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.tipbridge.bridge.pipeline.QuarantineReason;

/**
 * A text/plain or text/html body part. Text is kept in memory only while the message's total
 * stays within {@code maxTextBytes}; a part that does not fit is sealed whole as an attachment
 * (nothing is lost, memory stays bounded), except an inline PGP block, which must be decrypted in
 * memory and is refused as TEXT_TOO_LARGE.
 */
final class TextPart {
    static final String TOO_LONG = "a text part was too long to show and is attached as a file";
    private final MailWalk walk;

    TextPart(MailWalk walk) {
        this.walk = walk;
    }

    void take(PartContext part, InputStream body) throws IOException {
        Streams.Prefix prefix = Streams.readAtMost(body, walk.budget().textRoom());
        if (!prefix.complete()) {
            overflow(part, prefix, body);
            return;
        }
        walk.budget().useText(prefix.bytes().length);
        TextDecoder.Decoded decoded =
                TextDecoder.decode(prefix.bytes(), part.headers().charset().orElse(""));
        decoded.warning().ifPresent(walk::warn);
        boolean html = part.headers().type().equals("text/html");
        if (!html && InlinePgp.containsBlock(decoded.text())) {
            new InlinePgp(walk).take(part, decoded.text());
        } else {
            String text = html ? HtmlText.toText(decoded.text()) : decoded.text();
            new BodyText(walk).add(text, html, part.alternativeGroup(), part.scope());
        }
    }

    private void overflow(PartContext part, Streams.Prefix prefix, InputStream body) throws IOException {
        if (new String(prefix.bytes(), StandardCharsets.ISO_8859_1).contains(InlinePgp.BEGIN)) {
            throw IntakeAbort.rejected(QuarantineReason.TEXT_TOO_LARGE);
        }
        walk.warn(TOO_LONG);
        new AttachmentPart(walk).take(part, prefix.followedBy(body));
    }
}
