package dev.peerget.repo.rpm.internal;

import dev.peerget.repo.MetadataException;
import java.io.InputStream;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Shared StAX plumbing for the repodata parsers: a hardened reader factory and small cursor helpers.
 *
 * <p>Repository metadata comes from mirrors we do not trust until its checksum has been checked, and even
 * then it is data, so DTDs and external entities are switched off (OWASP XXE prevention cheat sheet).
 * Thread-safety: the factory is created per call because {@link XMLInputFactory} is not guaranteed to be
 * thread-safe for configuration; the static methods are otherwise stateless.
 */
public final class XmlInput {
    private XmlInput() {
    }

    /** A namespace-aware, coalescing reader with DTDs and external entities disabled. */
    public static XMLStreamReader open(InputStream in, String sourceName) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        try {
            return factory.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw error(sourceName, e);
        }
    }

    /** Converts a StAX error into a {@link MetadataException} naming {@code file:line:column}. */
    public static MetadataException error(String sourceName, XMLStreamException e) {
        Location loc = e.getLocation();
        String msg = e.getMessage();
        // The JDK prefixes its messages with "ParseError at [row,col]:[r,c]\nMessage: "; keep only the message.
        int idx = msg == null ? -1 : msg.indexOf("Message: ");
        String what = idx >= 0 ? msg.substring(idx + "Message: ".length()) : String.valueOf(msg);
        String where = loc == null ? sourceName : sourceName + ":" + loc.getLineNumber() + ":" + loc.getColumnNumber();
        return new MetadataException(where + ": malformed XML: " + what, null, e);
    }

    /** An error at the reader's current position. */
    public static MetadataException at(XMLStreamReader r, String sourceName, String what) {
        return MetadataException.at(sourceName, r.getLocation().getLineNumber(), what);
    }

    /** Reads the text content of the current (start) element, skipping any nested elements. */
    public static String text(XMLStreamReader r) throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth == 1) {
                        sb.append(r.getText());
                    }
                }
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                default -> { }
            }
        }
        return sb.toString();
    }

    /** Skips the current start element and everything inside it; leaves the cursor on its end tag. */
    public static void skip(XMLStreamReader r) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** An attribute of the current element by local name (any namespace), or null. */
    public static String attr(XMLStreamReader r, String localName) {
        for (int i = 0, n = r.getAttributeCount(); i < n; i++) {
            if (r.getAttributeLocalName(i).equals(localName)) {
                return r.getAttributeValue(i);
            }
        }
        return null;
    }

    /** A numeric attribute, or {@code fallback} when absent or not a number (createrepo_c only warns). */
    public static long longAttr(XMLStreamReader r, String localName, long fallback) {
        String v = attr(r, localName);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
