// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.tipbridge.bridge.pipeline.SealedAttachment;

/**
 * Seals a part as an attachment under a sanitised name and its declared {@code type/subtype},
 * unless it starts like an OpenPGP signature or key, which goes to {@link KeyPart} instead.
 */
final class AttachmentPart {
    private final MailWalk walk;

    AttachmentPart(MailWalk walk) {
        this.walk = walk;
    }

    void take(PartContext part, InputStream body) throws IOException {
        take(part, body, part.headers().fileName().orElse(""));
    }

    void take(PartContext part, InputStream body, String declaredName) throws IOException {
        String type = part.headers().contentType().mediaType().orElse("application/octet-stream");
        Streams.Prefix head = Streams.readAtMost(body, KeyMaterial.HEAD_BYTES);
        KeyMaterial.Kind kind = KeyMaterial.of(head.bytes(), type, Optional.of(declaredName));
        if (kind != KeyMaterial.Kind.NONE) {
            new KeyPart(walk).take(kind, head.followedBy(body));
            return;
        }
        String name = AttachmentName.of(Optional.of(declaredName), type, walk.nextOrdinal());
        SealedAttachment sealed = walk.sink().seal(name, type, head.followedBy(body));
        walk.addAttachment(sealed, part.scope());
    }
}
