// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reading cleaned files back, independently of the cleaners: every zip entry inflated, every PDF object decoded, exiftool. */
final class TestFiles {
    static final Path EXIFTOOL = Path.of("/usr/bin/exiftool");

    private TestFiles() {}

    record Cleaned(ScrubReport report, byte[] bytes) {
        List<String> findings() {
            return report.findings().stream().map(Finding::withoutValue).toList();
        }

        List<String> findingsWithValues() {
            return report.findings().stream().map(Finding::withValue).toList();
        }
    }

    static Cleaned scrub(byte[] file, ScrubLimits limits) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ScrubReport report = Scrubber.standard().scrub(new ByteArrayInputStream(file), out, limits);
        return new Cleaned(report, out.toByteArray());
    }

    static Cleaned scrub(byte[] file) throws IOException {
        return scrub(file, ScrubLimits.DEFAULT);
    }

    /** Every entry of a zip, inflated (nested zips included, recursively). */
    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** All names and all inflated bytes of a zip, as text, with nested zips opened too. */
    static String zipText(byte[] zip) throws IOException {
        StringBuilder text = new StringBuilder(new String(zip, StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, byte[]> entry : entries(zip).entrySet()) {
            text.append('\n').append(entry.getKey()).append('\n');
            byte[] data = entry.getValue();
            boolean nested = data.length > 4 && data[0] == 'P' && data[1] == 'K';
            text.append(nested ? zipText(data) : new String(data, StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }

    /** Every object of a PDF, its strings and decoded streams, as text. */
    static String pdfObjects(byte[] pdf) throws IOException {
        StringBuilder text = new StringBuilder(new String(pdf, StandardCharsets.ISO_8859_1));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            append(doc.getDocument().getTrailer(), text, 0);
            for (COSObjectKey key :
                    new ArrayList<>(doc.getDocument().getXrefTable().keySet())) {
                append(doc.getDocument().getObjectFromPool(key).getObject(), text, 0);
            }
        }
        return text.toString();
    }

    private static void append(COSBase base, StringBuilder text, int depth) throws IOException {
        if (depth > 20) {
            return;
        }
        if (base instanceof COSStream stream) {
            try (InputStream in = stream.createInputStream()) {
                text.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1))
                        .append('\n');
            }
        }
        if (base instanceof COSDictionary dictionary) {
            for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
                text.append(entry.getKey().getName()).append(' ');
                append(entry.getValue(), text, depth + 1);
            }
        } else if (base instanceof COSArray array) {
            for (COSBase item : array) {
                append(item, text, depth + 1);
            }
        } else if (base instanceof COSString string) {
            text.append(string.getString())
                    .append(' ')
                    .append(string.toHexString())
                    .append('\n');
        }
    }

    static String pdfText(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    /** The text of the elements named {@code local} in one XML part (w:t, text:p), in order. */
    static List<String> xmlText(byte[] xml, String local) throws XMLStreamException {
        List<String> texts = new ArrayList<>();
        XMLStreamReader reader = XmlRewrite.inputFactory().createXMLStreamReader(new ByteArrayInputStream(xml));
        int inside = 0;
        StringBuilder current = new StringBuilder();
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamReader.START_ELEMENT) {
                inside = local.equals(reader.getLocalName()) ? inside + 1 : inside > 0 ? inside + 1 : 0;
            } else if (event == XMLStreamReader.END_ELEMENT && inside > 0) {
                if (--inside == 0) {
                    texts.add(current.toString());
                    current.setLength(0);
                }
            } else if (event == XMLStreamReader.CHARACTERS && inside == 1) {
                current.append(reader.getText());
            }
        }
        return texts;
    }

    static void assertNoIdentifiers(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String identifier : DocumentFixtures.IDENTIFYING) {
            assertThat(lower).as("identifier %s", identifier).doesNotContain(identifier.toLowerCase(Locale.ROOT));
        }
    }

    static boolean exiftoolPresent() {
        return Files.isExecutable(EXIFTOOL);
    }

    /** exiftool's JSON for the file (all tags, duplicates too, with their family-1 groups). */
    static String exiftool(byte[] file, String suffix) throws IOException, InterruptedException {
        Path path = Files.createTempFile("scrub-test", suffix);
        try {
            Files.write(path, file);
            Process process = new ProcessBuilder(EXIFTOOL.toString(), "-j", "-a", "-G1", path.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return output;
        } finally {
            Files.deleteIfExists(path);
        }
    }
}
