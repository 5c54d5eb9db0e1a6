// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;

/**
 * Builds the PDF and zip fixtures byte for byte (fixed dates, fixed ids): a PDF with every kind of
 * identifying metadata, a JPEG with an Exif camera make, a zip of a text file and that JPEG, and
 * hostile files. The invented source is "Amina Otieno"; every identifier contains "amina" or is listed
 * in {@link #IDENTIFYING}.
 */
final class DocumentFixtures {
    /** Identifiers that do not contain "amina" (searched case-insensitively, like "amina" and "otieno"). */
    static final List<String> IDENTIFYING = List.of("amina", "otieno", "00C0FFEE", "00BEEF01", "QU1JTkE");

    static final String PDF_TEXT = "The shipment of ivory leaves Kilifi on Tuesday.";

    private DocumentFixtures() {}

    static byte[] pdf() throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                text.beginText();
                text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                text.newLineAtOffset(72, 700);
                text.showText(PDF_TEXT);
                text.endText();
            }
            info(doc.getDocumentInformation());
            doc.getDocumentCatalog().setMetadata(new PDMetadata(doc, new ByteArrayInputStream(xmp())));
            embeddedFile(doc);
            doc.getDocumentCatalog()
                    .setOpenAction(new PDActionJavaScript("app.launchURL('http://tracker.example/amina');"));
            PDAnnotationText note = new PDAnnotationText();
            note.setRectangle(new PDRectangle(100, 100, 20, 20));
            note.setTitlePopup("Amina Otieno");
            note.setContents("check the truck");
            page.setAnnotations(List.of(note));
            COSArray id = new COSArray();
            id.add(new COSString("AMINA-ID-0001".getBytes(StandardCharsets.US_ASCII)));
            id.add(new COSString("AMINA-ID-0002".getBytes(StandardCharsets.US_ASCII)));
            doc.getDocument().getTrailer().setItem(COSName.ID, id);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out, CompressParameters.NO_COMPRESSION);
            return out.toByteArray();
        }
    }

    private static void info(PDDocumentInformation info) {
        Calendar when = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        when.setTimeInMillis(1_714_979_280_000L);
        info.setAuthor("Amina Otieno");
        info.setCreator("AminaWriter 2.1");
        info.setProducer("Amina PDF Producer 9");
        info.setTitle("Report by Amina Otieno");
        info.setCreationDate(when);
        info.setModificationDate(when);
    }

    private static byte[] xmp() {
        return ("<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
                        + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description rdf:about=\"\""
                        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\""
                        + " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"><dc:creator><rdf:Seq><rdf:li>Amina Otieno</rdf:li>"
                        + "</rdf:Seq></dc:creator><xmp:CreatorTool>AminaWriter 2.1</xmp:CreatorTool>"
                        + "<pdf:Producer>Amina PDF Producer 9</pdf:Producer></rdf:Description></rdf:RDF></x:xmpmeta>"
                        + "<?xpacket end=\"w\"?>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void embeddedFile(PDDocument doc) throws IOException {
        PDEmbeddedFile data =
                new PDEmbeddedFile(doc, new ByteArrayInputStream("ledger".getBytes(StandardCharsets.US_ASCII)));
        data.setSubtype("text/plain");
        PDComplexFileSpecification file = new PDComplexFileSpecification();
        file.setFile("ledger.txt");
        file.setEmbeddedFile(data);
        PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
        tree.setNames(Map.of("ledger.txt", file));
        PDDocumentNameDictionary names = new PDDocumentNameDictionary(doc.getDocumentCatalog());
        names.setEmbeddedFiles(tree);
        doc.getDocumentCatalog().setNames(names);
    }

    /** A PDF encrypted with an empty user password (opens without asking) or with {@code userPassword}. */
    static byte[] encryptedPdf(String userPassword) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            doc.getDocumentInformation().setAuthor("Amina Otieno");
            StandardProtectionPolicy policy =
                    new StandardProtectionPolicy("owner-secret", userPassword, new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** A PDF without a cross-reference table whose objects refer to themselves and each other in loops. */
    static byte[] loopingPdf() {
        return ("%PDF-1.4\n"
                        + "1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >> endobj\n"
                        + "2 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 /Parent 2 0 R >> endobj\n"
                        + "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Loop 5 0 R >> endobj\n"
                        + "4 0 obj << /S /JavaScript /JS (app.alert\\(1\\)) /Next 4 0 R >> endobj\n"
                        + "5 0 obj 5 0 R endobj\n"
                        + "6 0 obj << /Author (Amina Otieno) /Self 6 0 R >> endobj\n"
                        + "trailer << /Root 1 0 R /Info 6 0 R /Size 7 >>\n%%EOF\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** A JPEG with an Exif APP1 segment whose IFD0 holds a Make string, and no image data. */
    static byte[] jpegWithMake(String make) {
        byte[] text = (make + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4 + text.length);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8).putShort((short) 1);
        tiff.putShort((short) 0x010F)
                .putShort((short) 2)
                .putInt(text.length)
                .putInt(26)
                .putInt(0)
                .put(text);
        byte[] exif = ByteBuffer.allocate(6 + tiff.capacity())
                .put("Exif\0\0".getBytes(StandardCharsets.US_ASCII))
                .put(tiff.array())
                .array();
        ByteBuffer jpeg = ByteBuffer.allocate(2 + 4 + exif.length + 2);
        jpeg.put((byte) 0xFF).put((byte) 0xD8).put((byte) 0xFF).put((byte) 0xE1).putShort((short) (exif.length + 2));
        jpeg.put(exif).put((byte) 0xFF).put((byte) 0xD9);
        return jpeg.array();
    }

    /** A PNG signature followed by a marker text (enough for a thumbnail part). */
    static byte[] pngWithText(String text) {
        byte[] marker = text.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + marker.length)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10})
                .put(marker)
                .array();
    }

    /** A zip of a note and a photo, with a comment, entry times and Unix owner ids. */
    static byte[] zipWithPhoto() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setComment("packed by amina on AMINA-PC");
            put(zip, "notes.txt", "meet at the north gate".getBytes(StandardCharsets.US_ASCII));
            put(zip, "photos/a.jpg", jpegWithMake("AminaCam"));
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(java.time.LocalDateTime.of(2024, 5, 6, 7, 8, 10));
        entry.setExtra(new byte[] {0x75, 0x78, 11, 0, 1, 4, (byte) 0xE8, 3, 0, 0, 4, (byte) 0xE8, 3, 0, 0});
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    /** A zip holding a zip holding ... {@code levels} deep, the innermost with a note. */
    static byte[] nestedZip(int levels) throws IOException {
        byte[] inner = zip("notes.txt", "the innermost note".getBytes(StandardCharsets.US_ASCII));
        for (int i = 1; i < levels; i++) {
            inner = zip("inner.zip", inner);
        }
        return inner;
    }

    /** A zip whose one entry inflates from a few kilobytes to {@code size} zero bytes. */
    static byte[] zipBomb(int size) throws IOException {
        return zip("zeros.txt", new byte[size]);
    }

    static byte[] zipWithEntries(int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < count; i++) {
                zip.putNextEntry(new ZipEntry("file" + i + ".txt"));
                zip.write('x');
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] zip(String name, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(data);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
