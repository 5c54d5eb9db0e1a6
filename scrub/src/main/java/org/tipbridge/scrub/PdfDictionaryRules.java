// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;

/** What is taken out of, or flagged in, one PDF dictionary, wherever it sits in the file. */
final class PdfDictionaryRules {
    private static final COSName PIECE_INFO = COSName.getPDFName("PieceInfo");
    private static final COSName LAST_MODIFIED = COSName.getPDFName("LastModified");
    private static final COSName CREATION_DATE = COSName.getPDFName("CreationDate");
    private static final COSName MOD_DATE = COSName.getPDFName("ModDate");
    private static final COSName JS = COSName.getPDFName("JS");
    private static final COSName JAVA_SCRIPT = COSName.getPDFName("JavaScript");
    private static final COSName EF = COSName.getPDFName("EF");
    private static final COSName XFA = COSName.getPDFName("XFA");
    private static final COSName BYTE_RANGE = COSName.getPDFName("ByteRange");
    private static final Set<COSName> ACTION_KEYS =
            Set.of(COSName.getPDFName("OpenAction"), COSName.getPDFName("A"), COSName.getPDFName("Next"));
    private static final Map<String, String> RISKY_ACTIONS = Map.of(
            "JavaScript", "JavaScript",
            "Launch", "action that starts a program",
            "SubmitForm", "action that sends form data",
            "ImportData", "action that reads a file");
    private static final Set<String> SIGNER_KEYS =
            Set.of("Name", "ContactInfo", "Location", "Reason", "Prop_Build", "Cert");

    private final Findings findings;

    PdfDictionaryRules(Findings findings) {
        this.findings = findings;
    }

    void apply(COSDictionary d) {
        xmp(d);
        remove(d, PIECE_INFO, "application private data");
        remove(d, LAST_MODIFIED, "modification date");
        remove(d, CREATION_DATE, "creation or modification date");
        remove(d, MOD_DATE, "creation or modification date");
        remove(d, COSName.AA, "automatic actions (run on open, close, print)");
        actions(d);
        signature(d);
        annotationAuthor(d);
        if (d.getDictionaryObject(EF) instanceof COSDictionary) {
            findings.flagged("embedded file", fileName(d));
        }
        if (d.containsKey(XFA)) {
            findings.flagged("XFA form (may hold scripts)");
        }
    }

    private void remove(COSDictionary d, COSName key, String what) {
        if (d.containsKey(key)) {
            d.removeItem(key);
            findings.removed(what);
        }
    }

    private void xmp(COSDictionary d) {
        if (d.getDictionaryObject(COSName.METADATA) instanceof COSStream stream) {
            findings.removed("XMP metadata", XmpValues.of(stream));
        }
        d.removeItem(COSName.METADATA);
    }

    private void actions(COSDictionary d) {
        for (COSName key : ACTION_KEYS) {
            if (d.getDictionaryObject(key) instanceof COSDictionary action) {
                String risky = RISKY_ACTIONS.get(action.getNameAsString(COSName.S, ""));
                if (risky != null) {
                    d.removeItem(key);
                    findings.removed(risky);
                }
            }
        }
        if (d.containsKey(JS)) {
            d.removeItem(JS);
            findings.removed("JavaScript");
        }
        if (!d.containsKey(COSName.S) && d.containsKey(JAVA_SCRIPT)) {
            d.removeItem(JAVA_SCRIPT);
            findings.removed("JavaScript");
        }
    }

    private void signature(COSDictionary d) {
        boolean isSignature = "Sig".equals(d.getNameAsString(COSName.TYPE))
                || (d.containsKey(BYTE_RANGE) && d.containsKey(COSName.CONTENTS) && d.containsKey(COSName.FILTER));
        if (!isSignature) {
            return;
        }
        for (String key : SIGNER_KEYS) {
            d.removeItem(COSName.getPDFName(key));
        }
        d.setItem(COSName.CONTENTS, new COSString(new byte[0]));
        d.removeItem(COSName.M);
        findings.removed("digital signature (signer name and certificate)");
    }

    private void annotationAuthor(COSDictionary d) {
        boolean isAnnotation = d.containsKey(COSName.RECT) && d.getDictionaryObject(COSName.SUBTYPE) instanceof COSName;
        if (!isAnnotation || "Widget".equals(d.getNameAsString(COSName.SUBTYPE)) || d.containsKey(COSName.FT)) {
            return;
        }
        if (d.getDictionaryObject(COSName.T) instanceof COSString author && !"Author".equals(author.getString())) {
            findings.removed("comment author", author.getString());
            d.setString(COSName.T, "Author");
        }
        if (d.getDictionaryObject(COSName.M) instanceof COSString) {
            d.removeItem(COSName.M);
            findings.removed("creation or modification date");
        }
    }

    private static String fileName(COSDictionary fileSpec) {
        for (COSName key : new COSName[] {COSName.UF, COSName.F}) {
            COSBase name = fileSpec.getDictionaryObject(key);
            if (name instanceof COSString text) {
                return text.getString();
            }
        }
        return null;
    }
}
