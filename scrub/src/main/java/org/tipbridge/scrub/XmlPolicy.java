// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.util.Optional;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartElement;

/** How one XML part is cleaned: elements removed with their content, element text replaced, attributes replaced or left out. */
interface XmlPolicy {

    /** How a removal is reported: not at all (a reference to a part already reported), by name, or with the value. */
    enum Report {
        SILENT,
        NAME_ONLY,
        WITH_VALUE
    }

    /**
     * An element to take out with everything in it; {@code value} is what to report, or null for
     * the element's text (or, when it has none, its attribute values).
     */
    record Removal(String what, Report report, String value) {
        Removal(String what, Report report) {
            this(what, report, null);
        }
    }

    /** An element whose text is replaced (a name by "Author"); the old text is reported as the value. */
    record Replacement(String what, String text) {}

    /** Whether this element ({@code depth} 1 is the root) goes, with its content. */
    default Optional<Removal> removedElement(StartElement element, int depth) {
        return Optional.empty();
    }

    default Optional<Replacement> replacedText(StartElement element) {
        return Optional.empty();
    }

    /** The attribute to write in place of {@code attribute} (empty: left out); reports what it changed. */
    default Optional<Attribute> attribute(StartElement element, Attribute attribute, Findings findings) {
        return Optional.of(attribute);
    }

    /** Leaves the part as it is (still parsed and rewritten, so it is checked to be plain XML). */
    XmlPolicy KEEP = new XmlPolicy() {};
}
