package dev.peerget.repo.rpm;

import dev.peerget.model.PackageId;
import dev.peerget.repo.MetadataException;
import dev.peerget.repo.rpm.internal.EvrText;
import dev.peerget.repo.rpm.internal.XmlInput;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams {@code filelists.xml} (namespace {@code http://linux.duke.edu/metadata/filelists}) into
 * {@link PackageFiles}, one per {@code <package pkgid name arch>}.
 *
 * <p>The {@code type} attribute of {@code <file>} ({@code dir}, {@code ghost}) is not kept: every listed path is a
 * file provide for rpm. An unknown type (createrepo_c only warns) is tolerated like the others, and unknown
 * elements are skipped with their content. A package without {@code pkgid} (the merge key) or name is an
 * error; a missing arch or version is tolerated (empty in the {@link PackageId}), as createrepo_c only warns. Stateless and thread-safe.
 */
public final class FilelistsParser {
    private FilelistsParser() {
    }

    /**
     * Parses {@code in} (decompressed) and hands each package's file list to {@code sink} in document order.
     *
     * @throws MetadataException naming {@code sourceName} and the line on malformed input
     */
    public static void parse(InputStream in, String sourceName, Consumer<PackageFiles> sink) {
        XMLStreamReader r = XmlInput.open(in, sourceName);
        try {
            boolean sawRoot = false;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (!sawRoot) {
                    if (!r.getLocalName().equals("filelists")) {
                        throw XmlInput.at(r, sourceName, "expected <filelists>, found <" + r.getLocalName() + ">");
                    }
                    sawRoot = true;
                } else if (r.getLocalName().equals("package")) {
                    sink.accept(readPackage(r, sourceName));
                } else {
                    XmlInput.skip(r);
                }
            }
            r.close();
        } catch (XMLStreamException e) {
            throw XmlInput.error(sourceName, e);
        }
    }

    private static PackageFiles readPackage(XMLStreamReader r, String src) throws XMLStreamException {
        long line = r.getLocation().getLineNumber();
        String pkgid = XmlInput.attr(r, "pkgid");
        String name = XmlInput.attr(r, "name");
        String arch = XmlInput.attr(r, "arch");
        String evr = null;
        List<String> files = new ArrayList<>();
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            if (ev != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (r.getLocalName()) {
                case "version" -> {
                    evr = EvrText.of(XmlInput.attr(r, "epoch"), XmlInput.attr(r, "ver"), XmlInput.attr(r, "rel"));
                    XmlInput.skip(r);
                }
                case "file" -> {
                    String f = XmlInput.text(r).trim();
                    if (!f.isEmpty()) {
                        files.add(f);
                    }
                }
                default -> XmlInput.skip(r);
            }
        }
        String who = name == null ? "package" : "package " + name;
        if (pkgid == null || pkgid.isBlank()) {
            throw MetadataException.at(src, line, who + " has no pkgid attribute");
        }
        if (name == null || name.isEmpty()) {
            throw MetadataException.at(src, line, "package with pkgid " + pkgid + " has no name attribute");
        }
        // A missing arch or version is only a warning for createrepo_c; the pkgid alone identifies the package.
        PackageId id = new PackageId(name, evr == null ? "" : evr, arch == null ? "" : arch);
        return new PackageFiles(pkgid.trim().toLowerCase(Locale.ROOT), id, files);
    }
}
