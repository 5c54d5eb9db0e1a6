// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;

/**
 * Visits every dictionary of a PDF once: each indirect object from the cross-reference table, and
 * the direct dictionaries nested in it (references are not followed, so loops cannot trap it).
 */
final class PdfObjectWalk {
    private static final int MAX_NESTING = 256;

    private final PdfDictionaryRules rules;
    private final Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    PdfObjectWalk(PdfDictionaryRules rules) {
        this.rules = rules;
    }

    /** Leaves this dictionary as it is (already dealt with). */
    void skip(COSDictionary dictionary) {
        seen.add(dictionary);
    }

    void walk(COSDocument document) throws CannotClean {
        visit(document.getTrailer(), 0);
        List<COSObjectKey> keys = new ArrayList<>(document.getXrefTable().keySet());
        for (COSObjectKey key : keys) {
            COSObject object = document.getObjectFromPool(key);
            visit(object.getObject(), 0);
        }
    }

    private void visit(COSBase base, int depth) throws CannotClean {
        if (depth > MAX_NESTING) {
            throw new CannotClean("PDF objects nested too deep");
        }
        if (base instanceof COSDictionary dictionary) {
            if (!seen.add(dictionary)) {
                return;
            }
            rules.apply(dictionary);
            for (COSBase value : new ArrayList<>(dictionary.getValues())) {
                visitDirect(value, depth);
            }
        } else if (base instanceof COSArray array) {
            if (!seen.add(array)) {
                return;
            }
            for (int i = 0; i < array.size(); i++) {
                visitDirect(array.get(i), depth);
            }
        }
    }

    private void visitDirect(COSBase value, int depth) throws CannotClean {
        if (!(value instanceof COSObject)) {
            visit(value, depth + 1);
        }
    }
}
