// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.scrub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLEventFactory;
import javax.xml.stream.XMLEventReader;
import javax.xml.stream.XMLEventWriter;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.events.Attribute;
import javax.xml.stream.events.StartDocument;
import javax.xml.stream.events.StartElement;
import javax.xml.stream.events.XMLEvent;

/**
 * Rewrites one XML part event by event under an {@link XmlPolicy}, keeping everything else
 * equivalent. A document type declaration is refused outright: no entity is ever declared,
 * expanded or fetched (no XXE, no entity expansion bomb), and no file or URL is ever read.
 */
final class XmlRewrite {
    private static final int MAX_VALUE_CHARS = 1000;
    private static final XMLEventFactory EVENTS = XMLEventFactory.newDefaultFactory();

    private XmlRewrite() {}

    static void rewrite(InputStream in, OutputStream out, XmlPolicy policy, Findings findings) throws IOException {
        try {
            XMLEventReader reader = inputFactory().createXMLEventReader(in);
            XMLEventWriter writer = XMLOutputFactory.newDefaultFactory().createXMLEventWriter(out, "UTF-8");
            new Copy(reader, writer, policy, findings).run();
            writer.flush();
            reader.close();
        } catch (XMLStreamException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof IOException io) {
                    throw io;
                }
            }
            throw new CannotClean("malformed XML in the document");
        }
    }

    static XMLInputFactory inputFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setXMLResolver((publicId, systemId, base, namespace) -> {
            throw new XMLStreamException("external resources are never read");
        });
        return factory;
    }

    /** One pass over one part. */
    private static final class Copy {
        private final XMLEventReader reader;
        private final XMLEventWriter writer;
        private final XmlPolicy policy;
        private final Findings findings;
        private int depth;

        Copy(XMLEventReader reader, XMLEventWriter writer, XmlPolicy policy, Findings findings) {
            this.reader = reader;
            this.writer = writer;
            this.policy = policy;
            this.findings = findings;
        }

        void run() throws XMLStreamException, CannotClean {
            while (reader.hasNext()) {
                XMLEvent event = next();
                if (event.isStartDocument()) {
                    writer.add(startDocument((StartDocument) event));
                } else if (event.isStartElement()) {
                    start(event.asStartElement());
                } else {
                    depth -= event.isEndElement() ? 1 : 0;
                    writer.add(event);
                }
            }
        }

        private XMLEvent next() throws XMLStreamException, CannotClean {
            if (!reader.hasNext()) {
                throw new CannotClean("malformed XML in the document");
            }
            XMLEvent event = reader.nextEvent();
            switch (event.getEventType()) {
                case XMLStreamConstants.DTD,
                        XMLStreamConstants.ENTITY_DECLARATION,
                        XMLStreamConstants.ENTITY_REFERENCE,
                        XMLStreamConstants.NOTATION_DECLARATION ->
                    throw new CannotClean("document type declaration in an XML part (refused)");
                default -> {
                    return event;
                }
            }
        }

        private void start(StartElement element) throws XMLStreamException, CannotClean {
            Optional<XmlPolicy.Removal> removal = policy.removedElement(element, depth + 1);
            if (removal.isPresent()) {
                report(removal.get(), element, subtreeText());
                return;
            }
            writer.add(withAttributes(element));
            Optional<XmlPolicy.Replacement> replacement = policy.replacedText(element);
            if (replacement.isEmpty()) {
                depth++;
                return;
            }
            String old = subtreeText();
            String text = replacement.get().text();
            writer.add(EVENTS.createCharacters(text));
            writer.add(EVENTS.createEndElement(element.getName(), null));
            if (!old.equals(text)) {
                findings.removed(replacement.get().what(), old);
            }
        }

        private void report(XmlPolicy.Removal removal, StartElement element, String text) {
            switch (removal.report()) {
                case SILENT -> {}
                case NAME_ONLY -> findings.removed(removal.what());
                case WITH_VALUE -> findings.removed(removal.what(), valueOf(removal, element, text));
            }
        }

        private StartElement withAttributes(StartElement element) {
            List<Attribute> kept = new ArrayList<>();
            boolean changed = false;
            for (Iterator<Attribute> it = element.getAttributes(); it.hasNext(); ) {
                Attribute attribute = it.next();
                Optional<Attribute> cleaned = policy.attribute(element, attribute, findings);
                cleaned.ifPresent(kept::add);
                changed |= cleaned.isEmpty() || cleaned.get() != attribute;
            }
            if (!changed) {
                return element;
            }
            return EVENTS.createStartElement(
                    element.getName().getPrefix(),
                    element.getName().getNamespaceURI(),
                    element.getName().getLocalPart(),
                    kept.iterator(),
                    element.getNamespaces());
        }

        /** Reads up to the end of the element just started, giving its text (the first characters of it). */
        private String subtreeText() throws XMLStreamException, CannotClean {
            StringBuilder text = new StringBuilder();
            for (int open = 1; open > 0; ) {
                XMLEvent event = next();
                if (event.isStartElement()) {
                    open++;
                } else if (event.isEndElement()) {
                    open--;
                } else if (event.isCharacters() && text.length() < MAX_VALUE_CHARS) {
                    text.append(event.asCharacters().getData());
                }
            }
            return text.toString().strip();
        }

        private static String valueOf(XmlPolicy.Removal removal, StartElement element, String text) {
            if (removal.value() != null) {
                return removal.value();
            }
            return text.isBlank() ? attributeValues(element) : text;
        }

        private static String attributeValues(StartElement element) {
            StringBuilder values = new StringBuilder();
            for (Iterator<Attribute> it = element.getAttributes(); it.hasNext(); ) {
                values.append(values.length() == 0 ? "" : " ").append(it.next().getValue());
            }
            return values.toString();
        }

        private static StartDocument startDocument(StartDocument document) {
            String version = document.getVersion() == null ? "1.0" : document.getVersion();
            return document.standaloneSet()
                    ? EVENTS.createStartDocument("UTF-8", version, document.isStandalone())
                    : EVENTS.createStartDocument("UTF-8", version);
        }
    }
}
