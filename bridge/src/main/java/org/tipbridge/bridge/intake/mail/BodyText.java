// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import org.tipbridge.pgp.SignatureStatus;

/**
 * The one way decoded text becomes a text piece: a clearsigned block is reduced to its signed text
 * (reported unchecked), and armored signatures and keys are cut out, so that no key material of
 * the sender reaches the record.
 */
final class BodyText {
    private final MailWalk walk;

    BodyText(MailWalk walk) {
        this.walk = walk;
    }

    void add(String text, boolean html, int alternativeGroup, TrustScope scope) {
        String kept = text;
        if (ClearSigned.contains(kept)) {
            ClearSigned.Extract extract = ClearSigned.extract(kept);
            if (extract.textOutside()) {
                walk.warn(ClearSigned.OUTSIDE_IGNORED);
            }
            walk.warn(ClearSigned.NOT_CHECKED);
            walk.addSignature(SignatureStatus.UNVERIFIED, scope);
            kept = extract.signedText();
        }
        KeyArmor.Scrubbed scrubbed = KeyArmor.scrub(kept);
        if (scrubbed.removed()) {
            walk.warn(KeyMaterial.REMOVED);
        }
        for (byte[] key : scrubbed.publicKeys()) {
            if (key.length <= SenderKeys.MAX_KEY_BYTES) {
                new KeyPart(walk).keep(key);
            }
        }
        walk.addText(new TextPiece(scrubbed.text(), html, alternativeGroup, scope));
    }
}
