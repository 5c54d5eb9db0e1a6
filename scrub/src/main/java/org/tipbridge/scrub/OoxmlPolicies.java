// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import static org.tipbridge.scrub.OfficeNames.AUTHOR;
import static org.tipbridge.scrub.OfficeNames.INITIALS;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLEventFactory;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;

/** How each XML part of a docx, xlsx or pptx is cleaned. */
final class OoxmlPolicies {
    private static final XMLEventFactory EVENTS = XMLEventFactory.newDefaultFactory();
    private static final Map<String, String> CORE = Map.ofEntries(
            Map.entry("creator", "author name"),
            Map.entry("lastModifiedBy", "last modified by"),
            Map.entry("created", "creation date"),
            Map.entry("modified", "modification date"),
            Map.entry("revision", "revision number"),
            Map.entry("lastPrinted", "last printed date"),
            Map.entry("keywords", "keywords"),
            Map.entry("title", "document title"),
            Map.entry("subject", "subject"),
            Map.entry("description", "description"),
            Map.entry("category", "category"),
            Map.entry("contentStatus", "content status"),
            Map.entry("identifier", "document id"),
            Map.entry("version", "version"));
    private static final Map<String, String> APP = Map.of(
            "Company", "company name",
            "Manager", "manager name",
            "Template", "template name",
            "Application", "application name",
            "AppVersion", "application version",
            "TotalTime", "total editing time",
            "HyperlinkBase", "hyperlink base");
    private static final Set<String> PERSON_ELEMENTS = Set.of("cmAuthor", "author", "person");
    private static final Set<String> PERSON_NAMES = Set.of("name", "displayName", "userId");
    private static final Set<String> COMMENT_TIMES = Set.of("cm@dt", "threadedComment@dT");

    private OoxmlPolicies() {}

    static XmlPolicy forPart(String name, OoxmlPackage plan) {
        String key = OfficeNames.partKey(name);
        if (key.equals("[content_types].xml")) {
            return contentTypes(plan);
        }
        if (key.endsWith(".rels")) {
            return relationships(name, plan);
        }
        if (key.equals("docprops/core.xml")) {
            return children("document property", CORE);
        }
        if (key.equals("docprops/app.xml")) {
            return children(null, APP);
        }
        if (key.equals("docprops/custom.xml")) {
            return customProperties();
        }
        return new Content(plan.removedIds(name));
    }

    /** Removes the root's children named in {@code names} (all of them when {@code others} names the rest). */
    private static XmlPolicy children(String others, Map<String, String> names) {
        return new XmlPolicy() {
            @Override
            public Optional<Removal> removedElement(StartElement element, int depth) {
                String what = names.getOrDefault(element.getName().getLocalPart(), others);
                return depth == 2 && what != null
                        ? Optional.of(new Removal(what, Report.WITH_VALUE))
                        : Optional.empty();
            }
        };
    }

    private static XmlPolicy customProperties() {
        return new XmlPolicy() {
            @Override
            public Optional<Removal> removedElement(StartElement element, int depth) {
                Attribute name = element.getAttributeByName(new QName("name"));
                String value = name == null ? "" : name.getValue();
                return depth == 2
                        ? Optional.of(new Removal("custom property", Report.WITH_VALUE, value))
                        : Optional.empty();
            }
        };
    }

    private static XmlPolicy contentTypes(OoxmlPackage plan) {
        return new XmlPolicy() {
            @Override
            public Optional<Removal> removedElement(StartElement element, int depth) {
                Attribute part = element.getAttributeByName(new QName("PartName"));
                boolean gone = "Override".equals(element.getName().getLocalPart())
                        && part != null
                        && plan.removes(part.getValue());
                return gone ? Optional.of(new Removal("", Report.SILENT)) : Optional.empty();
            }
        };
    }

    private static XmlPolicy relationships(String relsName, OoxmlPackage plan) {
        return new XmlPolicy() {
            @Override
            public Optional<Removal> removedElement(StartElement element, int depth) {
                return "Relationship".equals(element.getName().getLocalPart())
                        ? plan.relationship(relsName, element)
                        : Optional.empty();
            }
        };
    }

    /** Any other part: authors of comments and tracked changes, editing session ids, references to removed parts. */
    private static final class Content implements XmlPolicy {
        private final Set<String> removedIds;

        Content(Set<String> removedIds) {
            this.removedIds = removedIds;
        }

        @Override
        public Optional<Removal> removedElement(StartElement element, int depth) {
            QName name = element.getName();
            if (OfficeNames.W.equals(name.getNamespaceURI()) && "rsids".equals(name.getLocalPart())) {
                return Optional.of(new Removal("editing session ids", Report.NAME_ONLY));
            }
            if (OfficeNames.W.equals(name.getNamespaceURI()) && "attachedTemplate".equals(name.getLocalPart())) {
                return Optional.of(new Removal("attached template", Report.NAME_ONLY));
            }
            if (OfficeNames.W15.equals(name.getNamespaceURI()) && "presenceInfo".equals(name.getLocalPart())) {
                return Optional.of(new Removal("account of a comment author", Report.WITH_VALUE));
            }
            return Optional.empty();
        }

        @Override
        public Optional<Replacement> replacedText(StartElement element) {
            QName name = element.getName();
            boolean sheetAuthor =
                    OfficeNames.SPREADSHEET.equals(name.getNamespaceURI()) && "author".equals(name.getLocalPart());
            return sheetAuthor ? Optional.of(new Replacement("comment author", AUTHOR)) : Optional.empty();
        }

        @Override
        public Optional<Attribute> attribute(StartElement element, Attribute attribute, Findings findings) {
            QName name = attribute.getName();
            String ns = name.getNamespaceURI();
            String local = name.getLocalPart();
            if (OfficeNames.R.equals(ns) && removedIds.contains(attribute.getValue())) {
                return Optional.empty();
            }
            if (OfficeNames.W.equals(ns) || OfficeNames.W15.equals(ns)) {
                return wordAttribute(attribute, local, findings);
            }
            if (ns.isEmpty() && PERSON_ELEMENTS.contains(element.getName().getLocalPart())) {
                return personAttribute(attribute, local, findings);
            }
            if (ns.isEmpty() && COMMENT_TIMES.contains(element.getName().getLocalPart() + "@" + local)) {
                findings.removed("time of a comment");
                return Optional.empty();
            }
            return Optional.of(attribute);
        }

        private static Optional<Attribute> wordAttribute(Attribute attribute, String local, Findings findings) {
            if (local.startsWith("rsid")) {
                findings.removed("editing session ids");
                return Optional.empty();
            }
            if ("date".equals(local) && OfficeNames.W.equals(attribute.getName().getNamespaceURI())) {
                findings.removed("time of a comment or tracked change");
                return Optional.empty();
            }
            return switch (local) {
                case "author" ->
                    Optional.of(replaced(attribute, AUTHOR, "author of a comment or tracked change", findings));
                case "initials" -> Optional.of(replaced(attribute, INITIALS, "author initials", findings));
                default -> Optional.of(attribute);
            };
        }

        private static Optional<Attribute> personAttribute(Attribute attribute, String local, Findings findings) {
            if (PERSON_NAMES.contains(local)) {
                return Optional.of(replaced(attribute, AUTHOR, "comment author", findings));
            }
            if ("initials".equals(local)) {
                return Optional.of(replaced(attribute, INITIALS, "author initials", findings));
            }
            if ("providerId".equals(local)) {
                return Optional.of(replaced(attribute, "None", "account provider", findings));
            }
            return Optional.of(attribute);
        }
    }

    /** The attribute with {@code text} as its value, reporting the old one (unchanged when it already was {@code text}). */
    static Attribute replaced(Attribute attribute, String text, String what, Findings findings) {
        if (attribute.getValue().equals(text)) {
            return attribute;
        }
        findings.removed(what, attribute.getValue());
        QName name = attribute.getName();
        return EVENTS.createAttribute(name.getPrefix(), name.getNamespaceURI(), name.getLocalPart(), text);
    }
}
