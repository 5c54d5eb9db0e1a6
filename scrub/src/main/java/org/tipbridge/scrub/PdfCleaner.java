// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * Removes a PDF's document information (author, tools, title, dates), XMP metadata, document id,
 * application data, comment authors, signer details and scripts, keeping the page content; held
 * in memory only (PDFBox with a memory-only cache: no scratch files). PDFBox inflates streams in
 * memory, so a file is held only up to {@code maxInMemoryBytes} and its compressed streams are
 * measured first ({@link PdfBombCheck}).
 */
public final class PdfCleaner implements Cleaner {
    private static final Map<String, String> INFO_NAMES = Map.of(
            "Author", "author name",
            "Creator", "creator tool",
            "Producer", "PDF producer",
            "Title", "document title",
            "Subject", "subject",
            "Keywords", "keywords",
            "CreationDate", "creation date",
            "ModDate", "modification date",
            "Trapped", "trapping flag");

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public ScrubReport clean(byte[] head, InputStream in, OutputStream out, ScrubLimits limits) throws IOException {
        Optional<byte[]> file = WholeFile.read(head, in, limits.maxInMemoryBytes());
        if (file.isEmpty()) {
            return ScrubReport.failed(Format.PDF, WholeFile.OVER_LIMIT);
        }
        Optional<String> bomb = PdfFilterCheck.refusal(file.get()).or(() -> PdfBombCheck.refusal(file.get(), limits));
        if (bomb.isPresent()) {
            return ScrubReport.failed(Format.PDF, bomb.get());
        }
        GuardedOutput guarded = new GuardedOutput(out);
        try (PDDocument doc = Loader.loadPDF(file.get(), "", null, null, IOUtils.createMemoryOnlyStreamCache())) {
            if (doc.isEncrypted()) {
                return ScrubReport.failed(Format.PDF, "encrypted PDF");
            }
            Findings findings = new Findings();
            clean(doc, findings, limits);
            doc.save(guarded);
            guarded.flush();
            return ScrubReport.cleaned(Format.PDF, findings.list());
        } catch (InvalidPasswordException e) {
            return ScrubReport.failed(Format.PDF, "encrypted PDF");
        } catch (CannotClean e) {
            return ScrubReport.failed(Format.PDF, e.reason());
        } catch (IOException e) {
            if (guarded.broken()) {
                throw e;
            }
            return ScrubReport.failed(Format.PDF, "malformed PDF");
        }
    }

    private static void clean(PDDocument doc, Findings findings, ScrubLimits limits) throws CannotClean {
        COSDocument cos = doc.getDocument();
        if (cos.getXrefTable().size() > limits.maxSegments()) {
            throw new CannotClean("too many objects in the PDF");
        }
        PdfObjectWalk walk = new PdfObjectWalk(new PdfDictionaryRules(findings));
        COSDictionary trailer = cos.getTrailer();
        COSDictionary info = trailer.getCOSDictionary(COSName.INFO);
        if (info != null) {
            reportInfo(info, findings);
            walk.skip(info);
        }
        trailer.removeItem(COSName.INFO);
        if (trailer.containsKey(COSName.ID)) {
            findings.removed("document id");
        }
        trailer.setItem(COSName.ID, randomId());
        walk.walk(cos);
    }

    /** A fresh id: PDFBox would otherwise derive one when saving; this one is derived from nothing. */
    private static COSArray randomId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        COSArray ids = new COSArray();
        ids.add(new COSString(id));
        ids.add(new COSString(id));
        return ids;
    }

    private static void reportInfo(COSDictionary info, Findings findings) {
        for (Map.Entry<COSName, COSBase> entry : info.entrySet()) {
            String key = entry.getKey().getName();
            String value = info.getDictionaryObject(entry.getKey()) instanceof COSString text ? text.getString() : null;
            String what = INFO_NAMES.get(key);
            if (what != null) {
                findings.removed(what, value);
            } else {
                findings.removed("document property", value == null ? key : key + ": " + value);
            }
        }
    }
}
