// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * PDFs written byte for byte around chosen streams (deflate bombs, data that is not zlib, many
 * streams), with a correct cross-reference table, and an ordinary compressed PDF from PDFBox.
 */
final class PdfFixtures {
    private PdfFixtures() {}

    /**
     * Zlib data of {@code zeros} zero bytes (about a thousandth of that), made a mebibyte at a
     * time; {@code prefix}, when not empty, comes first in a stored block of its own.
     */
    static byte[] deflatedZeros(long zeros, String prefix) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 20];
        byte[] buffer = new byte[64 << 10];
        if (!prefix.isEmpty()) {
            deflater.setLevel(Deflater.NO_COMPRESSION);
            deflater.setInput(prefix.getBytes(StandardCharsets.US_ASCII));
            drain(deflater, buffer, out, Deflater.SYNC_FLUSH);
            deflater.setLevel(Deflater.BEST_COMPRESSION);
        }
        for (long done = 0; done < zeros; done += chunk.length) {
            deflater.setInput(chunk, 0, (int) Math.min(chunk.length, zeros - done));
            drain(deflater, buffer, out, Deflater.NO_FLUSH);
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static void drain(Deflater deflater, byte[] buffer, ByteArrayOutputStream out, int flush) {
        for (int n = deflater.deflate(buffer, 0, buffer.length, flush);
                n > 0 || !deflater.needsInput();
                n = deflater.deflate(buffer, 0, buffer.length, flush)) {
            out.write(buffer, 0, n);
        }
    }

    static byte[] deflated(String text) {
        Deflater deflater = new Deflater();
        deflater.setInput(text.getBytes(StandardCharsets.US_ASCII));
        deflater.finish();
        byte[] buffer = new byte[text.length() + 64];
        int n = deflater.deflate(buffer);
        deflater.end();
        return java.util.Arrays.copyOf(buffer, n);
    }

    /** A one-page PDF whose page content is {@code content} under {@code dictionary} (without /Length). */
    static byte[] withContent(String dictionary, byte[] content) {
        return pdf(List.of(
                ascii("<< /Type /Catalog /Pages 2 0 R >>"),
                ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>"),
                stream(dictionary, content)));
    }

    /**
     * A one-page PDF followed by an object stream of {@code content}, without a cross-reference
     * table: PDFBox searches the file for objects and reads every object stream it finds.
     */
    static byte[] withObjectStream(byte[] content) {
        return withoutCrossReference(List.of(
                ascii("<< /Type /Catalog /Pages 2 0 R >>"),
                ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"),
                stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", content)));
    }

    /** A one-page PDF with {@code count} streams of {@code content} under {@code dictionary}, which nothing refers to. */
    static byte[] withStreams(int count, String dictionary, byte[] content) {
        List<byte[]> objects = new ArrayList<>(List.of(
                ascii("<< /Type /Catalog /Pages 2 0 R >>"),
                ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>")));
        for (int i = 0; i < count; i++) {
            objects.add(stream(dictionary, content));
        }
        return pdf(objects);
    }

    /** A one-page PDF with text, saved by PDFBox with compressed content and object streams. */
    static byte[] compressedWithText(String text) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] stream(String dictionary, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("<< " + dictionary + " /Length " + content.length + " >>\nstream\n"));
        out.writeBytes(content);
        out.writeBytes(ascii("\nendstream"));
        return out.toByteArray();
    }

    /** Objects numbered from 1, a cross-reference table and a trailer whose root is object 1. */
    private static byte[] pdf(List<byte[]> objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("%PDF-1.7\n"));
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(out.size());
            out.writeBytes(ascii((i + 1) + " 0 obj\n"));
            out.writeBytes(objects.get(i));
            out.writeBytes(ascii("\nendobj\n"));
        }
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (int offset : offsets) {
            table.append(String.format("%010d 00000 n \n", offset));
        }
        table.append("trailer\n<< /Root 1 0 R /Size ")
                .append(objects.size() + 1)
                .append(" >>\n");
        table.append("startxref\n").append(xref).append("\n%%EOF\n");
        out.writeBytes(ascii(table.toString()));
        return out.toByteArray();
    }

    private static byte[] withoutCrossReference(List<byte[]> objects) {
        String pdf = new String(pdf(objects), StandardCharsets.ISO_8859_1);
        String body = pdf.substring(0, pdf.indexOf("xref\n"));
        String trailer = "trailer\n<< /Root 1 0 R /Size " + (objects.size() + 1) + " >>\n%%EOF\n";
        return (body + trailer).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
