// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import javax.xml.namespace.QName;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;

/** How each XML part of an odt, ods or odp is cleaned. */
final class OdfPolicies {
    private static final Map<String, String> META = Map.of(
            "initial-creator", "author name",
            "creation-date", "creation date",
            "editing-duration", "total editing time",
            "editing-cycles", "revision number",
            "generator", "application name",
            "printed-by", "last printed by",
            "print-date", "last printed date",
            "template", "template",
            "keyword", "keywords");
    private static final Map<String, String> DC = Map.of(
            "creator", "last modified by",
            "date", "modification date",
            "title", "document title",
            "subject", "subject",
            "description", "description");
    private static final Map<String, String> PRINTER_ITEMS = Map.of(
            "PrinterName", "printer name",
            "PrintFaxName", "fax printer name",
            "PrinterSetup", "printer settings");
    private static final QName CONFIG_NAME = new QName(OfficeNames.ODF_CONFIG, "name");
    private static final QName FULL_PATH = new QName(OfficeNames.ODF_MANIFEST, "full-path");
    private static final QName USER_DEFINED_NAME = new QName(OfficeNames.ODF_META, "name");
    /** A fixed time in place of the time of a comment or tracked change (the element must stay). */
    private static final String FIXED_DATE = "2000-01-01T00:00:00";

    private OdfPolicies() {}

    /** Why a part is left out of the cleaned copy, if it is. */
    static Optional<String> removedPart(String name) {
        if (name.startsWith("Thumbnails/") && !name.endsWith("/")) {
            return Optional.of("thumbnail");
        }
        if (Set.of("META-INF/documentsignatures.xml", "META-INF/macrosignatures.xml")
                .contains(name)) {
            return Optional.of("digital signature (names the signer)");
        }
        return Optional.empty();
    }

    static XmlPolicy forPart(String name) {
        return switch (name) {
            case "meta.xml" -> removing(OdfPolicies::meta);
            case "settings.xml" -> removing(OdfPolicies::printer);
            case "META-INF/manifest.xml" -> removing(OdfPolicies::manifest);
            default -> new Content();
        };
    }

    private static XmlPolicy removing(BiFunction<StartElement, Integer, Optional<XmlPolicy.Removal>> rule) {
        return new XmlPolicy() {
            @Override
            public Optional<Removal> removedElement(StartElement element, int depth) {
                return rule.apply(element, depth);
            }
        };
    }

    private static Optional<XmlPolicy.Removal> meta(StartElement element, int depth) {
        QName name = element.getName();
        String local = name.getLocalPart();
        if (OfficeNames.ODF_META.equals(name.getNamespaceURI()) && "user-defined".equals(local)) {
            Attribute field = element.getAttributeByName(USER_DEFINED_NAME);
            String value = field == null ? "" : field.getValue();
            return Optional.of(new XmlPolicy.Removal("custom property", XmlPolicy.Report.WITH_VALUE, value));
        }
        Map<String, String> names = OfficeNames.ODF_META.equals(name.getNamespaceURI())
                ? META
                : OfficeNames.DC.equals(name.getNamespaceURI()) ? DC : Map.of();
        String what = names.get(local);
        return what == null ? Optional.empty() : Optional.of(new XmlPolicy.Removal(what, XmlPolicy.Report.WITH_VALUE));
    }

    private static Optional<XmlPolicy.Removal> printer(StartElement element, int depth) {
        Attribute item = element.getAttributeByName(CONFIG_NAME);
        String what = item == null ? null : PRINTER_ITEMS.get(item.getValue());
        if (what == null || !"config-item".equals(element.getName().getLocalPart())) {
            return Optional.empty();
        }
        boolean blob = "PrinterSetup".equals(item.getValue());
        return Optional.of(
                new XmlPolicy.Removal(what, blob ? XmlPolicy.Report.NAME_ONLY : XmlPolicy.Report.WITH_VALUE));
    }

    private static Optional<XmlPolicy.Removal> manifest(StartElement element, int depth) {
        Attribute path = element.getAttributeByName(FULL_PATH);
        boolean gone = path != null && removedPart(path.getValue()).isPresent();
        return gone ? Optional.of(new XmlPolicy.Removal("", XmlPolicy.Report.SILENT)) : Optional.empty();
    }

    /** content.xml, styles.xml: authors and times of comments and tracked changes. */
    private static final class Content implements XmlPolicy {
        @Override
        public Optional<Replacement> replacedText(StartElement element) {
            QName name = element.getName();
            if (OfficeNames.DC.equals(name.getNamespaceURI()) && "creator".equals(name.getLocalPart())) {
                return Optional.of(new Replacement("author of a comment or tracked change", OfficeNames.AUTHOR));
            }
            if (OfficeNames.DC.equals(name.getNamespaceURI()) && "date".equals(name.getLocalPart())) {
                return Optional.of(new Replacement("time of a comment or tracked change", FIXED_DATE));
            }
            if ("creator-initials".equals(name.getLocalPart())) {
                return Optional.of(new Replacement("author initials", OfficeNames.INITIALS));
            }
            return Optional.empty();
        }
    }
}
