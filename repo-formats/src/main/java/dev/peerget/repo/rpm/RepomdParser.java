package dev.peerget.repo.rpm;

import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.repo.MetadataException;
import dev.peerget.repo.rpm.internal.XmlInput;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads {@code repomd.xml} (namespace {@code http://linux.duke.edu/metadata/repo}) into a {@link Repomd}.
 * Elements peerget does not use ({@code tags}, {@code database_version}, {@code header-checksum} of zchunk
 * entries, anything new) are skipped, as createrepo_c's parser does. A {@code <data>} without a type,
 * location or checksum cannot be verified and is an error. Stateless and thread-safe.
 */
public final class RepomdParser {
    private RepomdParser() {
    }

    /** Parses one repomd document; {@code sourceName} names it in errors. */
    public static Repomd parse(InputStream in, String sourceName) {
        XMLStreamReader r = XmlInput.open(in, sourceName);
        try {
            String revision = "";
            List<RepomdData> data = new ArrayList<>();
            boolean sawRoot = false;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (!sawRoot) {
                    if (!r.getLocalName().equals("repomd")) {
                        throw XmlInput.at(r, sourceName, "expected <repomd>, found <" + r.getLocalName() + ">");
                    }
                    sawRoot = true;
                    continue;
                }
                switch (r.getLocalName()) {
                    case "revision" -> revision = XmlInput.text(r).trim();
                    case "data" -> data.add(readData(r, sourceName));
                    default -> XmlInput.skip(r);
                }
            }
            return new Repomd(revision, data);
        } catch (XMLStreamException e) {
            throw XmlInput.error(sourceName, e);
        }
    }

    private static RepomdData readData(XMLStreamReader r, String src) throws XMLStreamException {
        long line = r.getLocation().getLineNumber();
        String type = XmlInput.attr(r, "type");
        if (type == null || type.isBlank()) {
            throw MetadataException.at(src, line, "<data> without a type attribute");
        }
        String location = null;
        Checksum checksum = null;
        Checksum open = null;
        long size = -1;
        long openSize = -1;
        long timestamp = -1;
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            if (ev != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (r.getLocalName()) {
                case "location" -> {
                    location = XmlInput.attr(r, "href");
                    XmlInput.skip(r);
                }
                case "checksum" -> checksum = checksum(r, src);
                case "open-checksum" -> open = checksum(r, src);
                case "size" -> size = number(r, src, "size");
                case "open-size" -> openSize = number(r, src, "open-size");
                case "timestamp" -> timestamp = number(r, src, "timestamp");
                default -> XmlInput.skip(r);
            }
        }
        if (location == null || location.isBlank()) {
            throw MetadataException.at(src, line, "<data type=\"" + type + "\"> has no location href");
        }
        if (checksum == null) {
            throw MetadataException.at(src, line, "<data type=\"" + type + "\"> has no checksum");
        }
        return new RepomdData(type, location, checksum, open, size, openSize, timestamp);
    }

    static Checksum checksum(XMLStreamReader r, String src) throws XMLStreamException {
        long line = r.getLocation().getLineNumber();
        String type = XmlInput.attr(r, "type");
        String hex = XmlInput.text(r).trim();
        HashAlgorithm alg = type == null ? null : HashAlgorithm.parse(type).orElse(null);
        if (alg == null) {
            throw MetadataException.at(src, line, "unknown checksum type '" + type + "'");
        }
        try {
            return new Checksum(alg, hex);
        } catch (IllegalArgumentException e) {
            throw MetadataException.at(src, line, e.getMessage());
        }
    }

    private static long number(XMLStreamReader r, String src, String what) throws XMLStreamException {
        long line = r.getLocation().getLineNumber();
        String text = XmlInput.text(r).trim();
        try {
            // Some generators write timestamps as floats ("1334667230.0"); the fraction carries nothing.
            int dot = text.indexOf('.');
            return Long.parseLong(dot >= 0 ? text.substring(0, dot) : text);
        } catch (NumberFormatException e) {
            throw MetadataException.at(src, line, "<" + what + "> is not a number: '" + text + "'");
        }
    }
}
