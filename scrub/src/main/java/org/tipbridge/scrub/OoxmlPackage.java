// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;

/**
 * The plan for one Office Open XML package, made before anything is written: which parts go
 * (thumbnail, printer settings, signatures), and which relationships go with them, so that no
 * relationship, content type or {@code r:id} is left pointing at a part that is no longer there.
 */
final class OoxmlPackage {
    private static final QName ID = new QName("Id");
    private static final QName TARGET = new QName("Target");
    private static final QName TARGET_MODE = new QName("TargetMode");
    private static final QName TYPE = new QName("Type");

    private final Map<String, String> removedParts = new HashMap<>();
    private final Map<String, Set<String>> removedIdsBySource = new HashMap<>();

    private OoxmlPackage() {}

    /** Reads every relationship part (counted against the budget) to know what goes. */
    static OoxmlPackage plan(ZipRewrite zip) throws IOException {
        OoxmlPackage plan = new OoxmlPackage();
        for (ZipArchive.Entry entry : zip.entries()) {
            removedPartWhat(entry.name())
                    .ifPresent(what -> plan.removedParts.put(OfficeNames.partKey(entry.name()), what));
        }
        for (ZipArchive.Entry entry : zip.entries()) {
            if (entry.name().endsWith(".rels") && !entry.encrypted() && !plan.removes(entry.name())) {
                try (InputStream in = zip.open(entry)) {
                    plan.removedIdsBySource.put(sourcePart(entry.name()), plan.removedIds(entry.name(), in));
                }
            }
        }
        return plan;
    }

    /** Why a part is left out of the cleaned copy, if it is. */
    Optional<String> removedPart(String name) {
        return Optional.ofNullable(removedParts.get(OfficeNames.partKey(name)));
    }

    boolean removes(String name) {
        return removedParts.containsKey(OfficeNames.partKey(name));
    }

    /** The relationship ids of {@code part} that go (an {@code r:id} with one of them is left out). */
    Set<String> removedIds(String part) {
        return removedIdsBySource.getOrDefault(OfficeNames.partKey(part), Set.of());
    }

    /** Whether a relationship goes, and how that is reported. */
    Optional<XmlPolicy.Removal> relationship(String relsName, StartElement relationship) {
        String target = value(relationship, TARGET);
        if ("External".equals(value(relationship, TARGET_MODE))) {
            if (value(relationship, TYPE).endsWith("/attachedTemplate")) {
                return Optional.of(new XmlPolicy.Removal("template path", XmlPolicy.Report.WITH_VALUE, target));
            }
            if (OfficeNames.localFile(target)) {
                return Optional.of(new XmlPolicy.Removal(
                        "link to a file on the author's computer", XmlPolicy.Report.WITH_VALUE, target));
            }
            return Optional.empty();
        }
        boolean gone = removes(resolve(relsName, target));
        return gone ? Optional.of(new XmlPolicy.Removal("", XmlPolicy.Report.SILENT)) : Optional.empty();
    }

    private Set<String> removedIds(String relsName, InputStream in) throws IOException {
        Set<String> ids = new HashSet<>();
        try {
            XMLEventReader reader = XmlRewrite.inputFactory().createXMLEventReader(in);
            while (reader.hasNext()) {
                XMLEvent event = reader.nextEvent();
                if (event.getEventType() == XMLEvent.DTD) {
                    throw new CannotClean("document type declaration in an XML part (refused)");
                }
                if (event.isStartElement()
                        && "Relationship"
                                .equals(event.asStartElement().getName().getLocalPart())) {
                    StartElement rel = event.asStartElement();
                    relationship(relsName, rel).ifPresent(r -> ids.add(value(rel, ID)));
                }
            }
        } catch (XMLStreamException e) {
            throw new CannotClean("malformed XML in the document");
        }
        return ids;
    }

    private static Optional<String> removedPartWhat(String name) {
        String key = OfficeNames.partKey(name);
        if (key.startsWith("docprops/thumbnail.")) {
            return Optional.of("thumbnail");
        }
        if (key.startsWith("printersettings/") || key.contains("/printersettings/")) {
            return Optional.of("printer settings");
        }
        if (key.startsWith("_xmlsignatures/")) {
            return Optional.of("digital signature (names the signer)");
        }
        return Optional.empty();
    }

    /** "word/_rels/document.xml.rels" is about "word/document.xml"; "_rels/.rels" about the package. */
    private static String sourcePart(String relsName) {
        int at = relsName.lastIndexOf("_rels/");
        if (at < 0) {
            return OfficeNames.partKey(relsName);
        }
        String file = relsName.substring(at + "_rels/".length(), relsName.length() - ".rels".length());
        return OfficeNames.partKey(relsName.substring(0, at) + file);
    }

    private static String resolve(String relsName, String target) {
        String folder = relsName.substring(0, Math.max(0, relsName.lastIndexOf("_rels/")));
        String path = target.startsWith("/") ? target : "/" + folder + target;
        try {
            return URI.create(path).normalize().getPath();
        } catch (IllegalArgumentException e) {
            return path;
        }
    }

    private static String value(StartElement element, QName name) {
        Attribute attribute = element.getAttributeByName(name);
        return attribute == null ? "" : attribute.getValue();
    }
}
