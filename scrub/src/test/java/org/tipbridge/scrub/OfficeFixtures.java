// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds the office-document fixtures byte for byte: a docx and an odt whose XML parts are written
 * by hand, full of one (invented) source's identifiers. Every identifier contains "amina" or is in
 * {@link DocumentFixtures#IDENTIFYING}.
 */
final class OfficeFixtures {
    static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    static final String R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    static final String PR = "http://schemas.openxmlformats.org/package/2006/relationships";
    static final String RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    private OfficeFixtures() {}

    static byte[] docx() throws IOException {
        return docx(core());
    }

    /** A docx whose {@code docProps/core.xml} is {@code core} (for hostile variants). */
    static byte[] docx(String core) throws IOException {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("[Content_Types].xml", contentTypes());
        parts.put(
                "_rels/.rels",
                rels(
                        rel("rId1", "officeDocument", "word/document.xml"),
                        "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
                        rel("rId3", "extended-properties", "docProps/app.xml"),
                        "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail\" Target=\"docProps/thumbnail.jpeg\"/>"));
        parts.put("word/document.xml", document());
        parts.put(
                "word/_rels/document.xml.rels",
                rels(
                        rel("rId1", "comments", "comments.xml"),
                        rel("rId2", "settings", "settings.xml"),
                        rel("rId3", "printerSettings", "printerSettings/printerSettings1.bin")));
        parts.put(
                "word/comments.xml",
                XML + "<w:comments xmlns:w=\"" + W + "\"><w:comment w:id=\"0\" w:author=\"Amina Otieno\""
                        + " w:date=\"2024-05-06T07:09:00Z\" w:initials=\"AO\"><w:p><w:r><w:t>I saw it myself</w:t></w:r></w:p>"
                        + "</w:comment></w:comments>");
        parts.put(
                "word/settings.xml",
                XML + "<w:settings xmlns:w=\"" + W + "\" xmlns:r=\"" + R + "\">"
                        + "<w:attachedTemplate r:id=\"rId1\"/><w:defaultTabStop w:val=\"720\"/><w:rsids><w:rsidRoot w:val=\"00C0FFEE\"/>"
                        + "<w:rsid w:val=\"00C0FFEE\"/><w:rsid w:val=\"00BEEF01\"/></w:rsids></w:settings>");
        parts.put(
                "word/_rels/settings.xml.rels",
                rels(
                        "<Relationship Id=\"rId1\" Type=\"" + RT + "attachedTemplate\""
                                + " Target=\"file:///C:/Users/amina.otieno/AppData/Roaming/Microsoft/Templates/Normal.dotm\" TargetMode=\"External\"/>"));
        parts.put("docProps/core.xml", core);
        parts.put(
                "docProps/app.xml",
                XML + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
                        + "<Template>Amina-Normal.dotm</Template><TotalTime>42</TotalTime><Pages>1</Pages>"
                        + "<Application>Microsoft Office Word</Application><Company>Amina Ranger Post 7</Company>"
                        + "<AppVersion>16.0000</AppVersion></Properties>");
        Map<String, byte[]> binary = new LinkedHashMap<>();
        binary.put("docProps/thumbnail.jpeg", DocumentFixtures.jpegWithMake("AminaThumb"));
        binary.put(
                "word/printerSettings/printerSettings1.bin",
                "HP LaserJet on AMINA-PC".getBytes(StandardCharsets.US_ASCII));
        return zip(parts, binary);
    }

    static String core() {
        return XML
                + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
                + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:creator>Amina Otieno</dc:creator>"
                + "<cp:lastModifiedBy>Amina O.</cp:lastModifiedBy><cp:revision>7</cp:revision>"
                + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-05-06T07:00:00Z</dcterms:created>"
                + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2024-05-06T07:10:00Z</dcterms:modified></cp:coreProperties>";
    }

    private static String document() {
        return XML + "<w:document xmlns:w=\"" + W + "\" xmlns:r=\"" + R + "\"><w:body>"
                + "<w:p w:rsidR=\"00C0FFEE\" w:rsidRDefault=\"00BEEF01\"><w:r><w:t>The shipment of ivory leaves Kilifi on Tuesday.</w:t></w:r></w:p>"
                + "<w:p w:rsidR=\"00C0FFEE\"><w:commentRangeStart w:id=\"0\"/><w:r><w:t xml:space=\"preserve\">Truck plate </w:t></w:r>"
                + "<w:ins w:id=\"1\" w:author=\"Amina Otieno\" w:date=\"2024-05-06T07:08:00Z\"><w:r><w:t>KBX 123A</w:t></w:r></w:ins>"
                + "<w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>"
                + "<w:p><w:r><w:t>Fish &amp; chips &lt;not&gt; a code</w:t></w:r></w:p></w:body></w:document>";
    }

    private static String contentTypes() {
        String office = "application/vnd.openxmlformats-officedocument.";
        return XML + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Default Extension=\"bin\" ContentType=\"" + office + "wordprocessingml.printerSettings\"/>"
                + override("/word/document.xml", office + "wordprocessingml.document.main+xml")
                + override("/word/comments.xml", office + "wordprocessingml.comments+xml")
                + override("/word/settings.xml", office + "wordprocessingml.settings+xml")
                + override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
                + override("/docProps/app.xml", office + "extended-properties+xml")
                + override("/docProps/thumbnail.jpeg", "image/jpeg")
                + "</Types>";
    }

    private static String override(String part, String type) {
        return "<Override PartName=\"" + part + "\" ContentType=\"" + type + "\"/>";
    }

    private static String rel(String id, String type, String target) {
        return "<Relationship Id=\"" + id + "\" Type=\"" + RT + type + "\" Target=\"" + target + "\"/>";
    }

    private static String rels(String... relationships) {
        return XML + "<Relationships xmlns=\"" + PR + "\">" + String.join("", relationships) + "</Relationships>";
    }

    static byte[] odt() throws IOException {
        String office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
        String dc = "http://purl.org/dc/elements/1.1/";
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put(
                "content.xml",
                XML + "<office:document-content xmlns:office=\"" + office + "\""
                        + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:dc=\"" + dc
                        + "\" office:version=\"1.2\">"
                        + "<office:body><office:text><text:p>The shipment of ivory leaves Kilifi on Tuesday.</text:p>"
                        + "<text:p>Truck plate KBX 123A<office:annotation><dc:creator>Amina Otieno</dc:creator>"
                        + "<dc:date>2024-05-06T07:09:00</dc:date><text:p>I saw it myself</text:p></office:annotation></text:p>"
                        + "</office:text></office:body></office:document-content>");
        parts.put(
                "meta.xml",
                XML + "<office:document-meta xmlns:office=\"" + office + "\""
                        + " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" xmlns:dc=\"" + dc + "\""
                        + " xmlns:xlink=\"http://www.w3.org/1999/xlink\" office:version=\"1.2\"><office:meta>"
                        + "<meta:initial-creator>Amina Otieno</meta:initial-creator><dc:creator>Amina O.</dc:creator>"
                        + "<meta:creation-date>2024-05-06T07:00:00</meta:creation-date><dc:date>2024-05-06T07:10:00</dc:date>"
                        + "<meta:printed-by>Amina Otieno</meta:printed-by><meta:generator>LibreOffice/7.4 (AminaBuild)</meta:generator>"
                        + "<meta:editing-duration>PT42M</meta:editing-duration>"
                        + "<meta:template xlink:type=\"simple\" xlink:href=\"file:///home/amina/Templates/report.ott\" xlink:title=\"report\"/>"
                        + "<meta:user-defined meta:name=\"Informant\">Amina Otieno</meta:user-defined>"
                        + "<meta:document-statistic meta:page-count=\"1\" meta:paragraph-count=\"2\"/></office:meta></office:document-meta>");
        parts.put(
                "settings.xml",
                XML + "<office:document-settings xmlns:office=\"" + office + "\""
                        + " xmlns:config=\"urn:oasis:names:tc:opendocument:xmlns:config:1.0\" office:version=\"1.2\"><office:settings>"
                        + "<config:config-item-set config:name=\"ooo:configuration-settings\">"
                        + "<config:config-item config:name=\"PrinterName\" config:type=\"string\">AMINA-LASER</config:config-item>"
                        + "<config:config-item config:name=\"PrinterSetup\" config:type=\"base64Binary\">QU1JTkEtTEFTRVI=</config:config-item>"
                        + "<config:config-item config:name=\"AddParaTableSpacing\" config:type=\"boolean\">true</config:config-item>"
                        + "</config:config-item-set></office:settings></office:document-settings>");
        parts.put(
                "META-INF/manifest.xml",
                XML + "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\""
                        + " manifest:version=\"1.2\">" + entry("/", "application/vnd.oasis.opendocument.text")
                        + entry("content.xml", "text/xml") + entry("meta.xml", "text/xml")
                        + entry("settings.xml", "text/xml")
                        + entry("Thumbnails/thumbnail.png", "image/png") + "</manifest:manifest>");
        Map<String, byte[]> binary = Map.of("Thumbnails/thumbnail.png", DocumentFixtures.pngWithText("AMINA-THUMB"));
        return zipWithMimetype("application/vnd.oasis.opendocument.text", parts, binary);
    }

    private static String entry(String path, String type) {
        return "<manifest:file-entry manifest:full-path=\"" + path + "\" manifest:media-type=\"" + type + "\"/>";
    }

    private static byte[] zipWithMimetype(String mimetype, Map<String, String> parts, Map<String, byte[]> binary)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] type = mimetype.getBytes(StandardCharsets.US_ASCII);
            ZipEntry first = new ZipEntry("mimetype");
            CRC32 crc = new CRC32();
            crc.update(type);
            first.setMethod(ZipEntry.STORED);
            first.setSize(type.length);
            first.setCrc(crc.getValue());
            first.setTimeLocal(LocalDateTime.of(2024, 5, 6, 7, 8, 10));
            zip.putNextEntry(first);
            zip.write(type);
            zip.closeEntry();
            write(zip, parts, binary);
        }
        return bytes.toByteArray();
    }

    static byte[] zip(Map<String, String> parts, Map<String, byte[]> binary) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            write(zip, parts, binary);
        }
        return bytes.toByteArray();
    }

    private static void write(ZipOutputStream zip, Map<String, String> parts, Map<String, byte[]> binary)
            throws IOException {
        Map<String, byte[]> all = new LinkedHashMap<>();
        parts.forEach((name, xml) -> all.put(name, xml.getBytes(StandardCharsets.UTF_8)));
        all.putAll(binary);
        for (Map.Entry<String, byte[]> part : all.entrySet()) {
            ZipEntry entry = new ZipEntry(part.getKey());
            entry.setLastModifiedTime(FileTime.from(Instant.parse("2024-05-06T07:08:09Z")));
            zip.putNextEntry(entry);
            zip.write(part.getValue());
            zip.closeEntry();
        }
    }
}
