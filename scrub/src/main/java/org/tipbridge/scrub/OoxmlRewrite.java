// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes the cleaned copy of a docx, xlsx or pptx: properties, authors, editing session ids,
 * template paths and links to local files out of the XML parts; thumbnail, printer settings and
 * signatures left out (with their relationships and content types); other parts (images) cleaned
 * with the scrubber; macros flagged.
 */
final class OoxmlRewrite {
    private OoxmlRewrite() {}

    static void write(ZipRewrite rewrite) throws IOException {
        OoxmlPackage plan = OoxmlPackage.plan(rewrite);
        for (ZipArchive.Entry entry : rewrite.entries()) {
            Optional<String> removed = plan.removedPart(entry.name());
            String name = entry.name().toLowerCase(Locale.ROOT);
            if (removed.isPresent()) {
                rewrite.findings().removed(removed.get());
            } else if (entry.folder()) {
                rewrite.folder(entry);
            } else if (entry.encrypted()) {
                rewrite.leaveOutEncrypted(entry);
            } else if (name.endsWith(".xml") || name.endsWith(".rels")) {
                rewrite.rewrittenXml(entry, OoxmlPolicies.forPart(entry.name(), plan));
            } else {
                if (name.endsWith("vbaproject.bin")) {
                    rewrite.findings().flagged("macros (VBA)");
                }
                rewrite.scrubbed(entry);
            }
        }
    }
}
