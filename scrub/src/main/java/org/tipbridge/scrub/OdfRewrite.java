// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.util.Optional;

/**
 * Writes the cleaned copy of an odt, ods or odp: {@code mimetype} first and stored; document
 * properties out of {@code meta.xml}, printer names out of {@code settings.xml}, comment and
 * change authors replaced; thumbnail and signatures left out (and out of the manifest); other
 * parts (images) cleaned with the scrubber.
 */
final class OdfRewrite {
    private OdfRewrite() {}

    static void write(ZipRewrite rewrite) throws IOException {
        ZipArchive.Entry mimetype = rewrite.entries().get(0);
        rewrite.stored(mimetype.name(), rewrite.small(mimetype, 200));
        for (ZipArchive.Entry entry :
                rewrite.entries().subList(1, rewrite.entries().size())) {
            Optional<String> removed = OdfPolicies.removedPart(entry.name());
            if (removed.isPresent()) {
                rewrite.findings().removed(removed.get());
            } else if (entry.folder()) {
                rewrite.folder(entry);
            } else if (entry.encrypted()) {
                rewrite.leaveOutEncrypted(entry);
            } else if (entry.name().endsWith(".xml") || entry.name().endsWith(".rdf")) {
                rewrite.rewrittenXml(entry, OdfPolicies.forPart(entry.name()));
            } else {
                if (entry.name().startsWith("Basic/") || entry.name().startsWith("Scripts/")) {
                    rewrite.findings().flagged("macros");
                }
                rewrite.scrubbed(entry);
            }
        }
    }
}
