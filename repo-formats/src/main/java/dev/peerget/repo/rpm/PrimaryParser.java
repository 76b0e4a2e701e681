package dev.peerget.repo.rpm;

import dev.peerget.model.PackageRecord;
import dev.peerget.repo.rpm.internal.PrimaryPackageReader;
import dev.peerget.repo.rpm.internal.XmlInput;
import java.util.function.Consumer;
import java.io.InputStream;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams {@code primary.xml} (namespace {@code http://linux.duke.edu/metadata/common}) into
 * {@link PackageRecord}s, one per {@code <package type="rpm">}, without holding the document in memory.
 *
 * <p>Mapping (createrepo_c's {@code cr_Package}): epoch/ver/rel → version {@code [epoch:]ver[-rel]};
 * {@code checksum pkgid="YES"} → the package checksum; packager → maintainer; url → homepage;
 * {@code size/@package} → size, {@code size/@installed} → installed size; {@code location/@href} → location,
 * prefixed with {@code location/@xml:base} when present (then an absolute URL the fetcher uses as is);
 * {@code rpm:group} → section; {@code rpm:sourcerpm} → source; {@code rpm:provides} → provides;
 * requires ({@code pre="1"} → PRE_DEPENDS), conflicts, obsoletes and the weak dependencies → relations;
 * {@code <file>} (any type: plain, dir, ghost) → files. See {@link dev.peerget.repo.rpm.internal.PrimaryPackageReader}
 * for how provides and dependency entries are converted.
 *
 * <p>Tolerance follows createrepo_c: unknown elements are skipped with their content (so a package wrapped in an
 * unknown element is not seen), a missing {@code type} on {@code <package>} means rpm, unparsable numbers are
 * ignored. A package without name, arch, version or pkgid checksum is an error. Stateless and thread-safe.
 */
public final class PrimaryParser {
    private PrimaryParser() {
    }

    /**
     * Parses {@code in} (already decompressed) and hands each package to {@code sink} in document order.
     *
     * @throws dev.peerget.repo.MetadataException with {@code sourceName:line[:column]} on malformed XML or
     *                                            an unusable package
     */
    public static void parse(InputStream in, String sourceName, Consumer<PackageRecord> sink) {
        XMLStreamReader r = XmlInput.open(in, sourceName);
        PrimaryPackageReader packages = new PrimaryPackageReader(r, sourceName);
        try {
            boolean sawRoot = false;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (!sawRoot) {
                    if (!r.getLocalName().equals("metadata")) {
                        throw XmlInput.at(r, sourceName, "expected <metadata>, found <" + r.getLocalName() + ">");
                    }
                    sawRoot = true;
                    continue;
                }
                String type = XmlInput.attr(r, "type");
                if (r.getLocalName().equals("package") && (type == null || type.equals("rpm"))) {
                    sink.accept(packages.read());
                } else {
                    XmlInput.skip(r);
                }
            }
            r.close();
        } catch (XMLStreamException e) {
            throw XmlInput.error(sourceName, e);
        }
    }
}
