// SPDX-License-Identifier: AGPL-3.0-or-later
package org.tipbridge.bridge.intake.mail;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns an HTML body into plain text: block elements become line breaks, scripts, styles and
 * other invisible elements are dropped, nothing is fetched (links and images stay unresolved).
 */
final class HtmlText {
    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "pre",
            "hr",
            "table",
            "ul",
            "ol",
            "dl",
            "section",
            "article",
            "header",
            "footer",
            "address");
    private static final Set<String> LINES = Set.of("br", "li", "tr", "dt", "dd");
    private static final String INVISIBLE = "script, style, head, template, noscript, object, embed, iframe, svg";

    private HtmlText() {}

    static String toText(String html) {
        Document doc = Jsoup.parse(html);
        doc.select(INVISIBLE).remove();
        StringBuilder out = new StringBuilder(html.length() / 2);
        NodeTraversor.traverse(new Collector(out), doc.body());
        return tidy(out.toString());
    }

    private static String tidy(String text) {
        return text.replaceAll("[ \\t]+\\n", "\n")
                .replaceAll("\\n[ \\t]+", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    private static final class Collector implements NodeVisitor {
        private final StringBuilder out;

        Collector(StringBuilder out) {
            this.out = out;
        }

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                out.append(inPre(text) ? text.getWholeText() : text.text());
            } else if (is(node, BLOCKS) || is(node, LINES)) {
                out.append('\n');
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (is(node, BLOCKS)) {
                out.append('\n');
            }
        }

        private static boolean is(Node node, Set<String> names) {
            return node instanceof Element element && names.contains(element.normalName());
        }

        private static boolean inPre(TextNode text) {
            Element parent = text.parent();
            return parent != null && parent.closest("pre") != null;
        }
    }
}
