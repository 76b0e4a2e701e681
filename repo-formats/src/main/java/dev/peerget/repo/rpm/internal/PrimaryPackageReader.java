package dev.peerget.repo.rpm.internal;

import dev.peerget.model.Checksum;
import dev.peerget.model.HashAlgorithm;
import dev.peerget.model.Op;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageId;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.RelationKind;
import dev.peerget.repo.MetadataException;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one {@code <package>} element of primary.xml into a {@link PackageRecord}.
 *
 * <p>Provides: versioned only with {@code flags="EQ"} (the only comparison rpm writes for provides in practice);
 * the package's exact self-provide {@code name = evr}, which every rpm carries, is dropped because
 * {@link PackageRecord#provides()} excludes the package's own name. Arch-qualified self-provides
 * ({@code name(x86-64) = evr}) are kept. Dependencies: see {@link RpmDependencies}.
 * Not thread-safe: bound to one reader.
 */
public final class PrimaryPackageReader {
    private final XMLStreamReader r;
    private final String src;
    private String name;
    private String arch;
    private String evr;
    private Checksum checksum;
    private String location;
    private PackageRecord.Builder b;

    public PrimaryPackageReader(XMLStreamReader reader, String sourceName) {
        this.r = reader;
        this.src = sourceName;
    }

    /** Reads the package whose start tag is current; leaves the cursor on its end tag. */
    public PackageRecord read() throws XMLStreamException {
        long line = r.getLocation().getLineNumber();
        name = null;
        arch = null;
        evr = null;
        checksum = null;
        location = "";
        // The id is not known until <name>, <arch> and <version> have been read; start with a placeholder.
        b = PackageRecord.builder(PackageFormat.RPM, "?", "", "");
        while (next()) {
            switch (r.getLocalName()) {
                case "name" -> name = XmlInput.text(r).trim();
                case "arch" -> arch = XmlInput.text(r).trim();
                case "version" -> {
                    evr = EvrText.of(XmlInput.attr(r, "epoch"), XmlInput.attr(r, "ver"), XmlInput.attr(r, "rel"));
                    XmlInput.skip(r);
                }
                case "checksum" -> checksum = checksum();
                case "summary" -> b.summary(XmlInput.text(r).trim());
                case "description" -> b.description(XmlInput.text(r));
                case "packager" -> b.maintainer(XmlInput.text(r).trim());
                case "url" -> b.homepage(XmlInput.text(r).trim());
                case "size" -> {
                    b.size(Math.max(0, XmlInput.longAttr(r, "package", 0)));
                    b.installedSize(Math.max(0, XmlInput.longAttr(r, "installed", 0)));
                    XmlInput.skip(r);
                }
                case "location" -> {
                    location = location();
                    XmlInput.skip(r);
                }
                case "format" -> format();
                default -> XmlInput.skip(r);
            }
        }
        String what = name == null || name.isEmpty() ? "<name>" : arch == null || arch.isEmpty() ? "<arch>"
                : evr == null ? "<version ver=…>" : checksum == null ? "<checksum pkgid=\"YES\">" : null;
        if (what != null) {
            String who = name == null || name.isEmpty() ? "package" : "package " + name;
            throw MetadataException.at(src, line, who + " has no " + what);
        }
        b.id(new PackageId(name, evr, arch)).checksum(checksum).location(location);
        return b.build();
    }

    /** Advances to the next child start element; false at the parent's end tag. */
    private boolean next() throws XMLStreamException {
        while (true) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (ev == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
    }

    private Checksum checksum() throws XMLStreamException {
        long line = r.getLocation().getLineNumber();
        String type = XmlInput.attr(r, "type");
        String hex = XmlInput.text(r).trim();
        HashAlgorithm alg = type == null ? null : HashAlgorithm.parse(type).orElse(null);
        if (alg == null) {
            throw MetadataException.at(src, line, "package " + name + ": unknown checksum type '" + type + "'");
        }
        try {
            return new Checksum(alg, hex);
        } catch (IllegalArgumentException e) {
            throw MetadataException.at(src, line, "package " + name + ": " + e.getMessage());
        }
    }

    private String location() {
        String href = XmlInput.attr(r, "href");
        if (href == null) {
            return "";
        }
        String base = r.getAttributeValue(XMLConstants.XML_NS_URI, "base");
        if (base == null || base.isEmpty()) {
            return href;
        }
        return base.endsWith("/") ? base + href : base + "/" + href;
    }

    private void format() throws XMLStreamException {
        while (next()) {
            switch (r.getLocalName()) {
                case "license" -> b.license(XmlInput.text(r).trim());
                case "group" -> b.section(XmlInput.text(r).trim());
                case "sourcerpm" -> b.source(XmlInput.text(r).trim());
                case "provides" -> provides();
                case "requires" -> relations(RelationKind.DEPENDS);
                case "conflicts" -> relations(RelationKind.CONFLICTS);
                case "obsoletes" -> relations(RelationKind.OBSOLETES);
                case "recommends" -> relations(RelationKind.RECOMMENDS);
                case "suggests" -> relations(RelationKind.SUGGESTS);
                case "supplements" -> relations(RelationKind.SUPPLEMENTS);
                case "enhances" -> relations(RelationKind.ENHANCES);
                case "file" -> {
                    String f = XmlInput.text(r).trim();
                    if (!f.isEmpty()) {
                        b.file(f);
                    }
                }
                default -> XmlInput.skip(r);
            }
        }
    }

    private void provides() throws XMLStreamException {
        while (next()) {
            if (!r.getLocalName().equals("entry")) {
                XmlInput.skip(r);
                continue;
            }
            String n = XmlInput.attr(r, "name");
            Op op = RpmDependencies.opOfFlags(XmlInput.attr(r, "flags"));
            String v = op == Op.EQ ? entryEvr() : null;
            XmlInput.skip(r);
            if (n == null || n.isEmpty()) {
                continue;
            }
            if (v != null && n.equals(name) && v.equals(evr)) {
                continue; // the self-provide
            }
            b.provide(new Provide(n, v));
        }
    }

    private void relations(RelationKind kind) throws XMLStreamException {
        while (next()) {
            if (!r.getLocalName().equals("entry")) {
                XmlInput.skip(r);
                continue;
            }
            long line = r.getLocation().getLineNumber();
            String n = XmlInput.attr(r, "name");
            Op op = RpmDependencies.opOfFlags(XmlInput.attr(r, "flags"));
            String v = op == null ? null : entryEvr();
            // rpm marks Requires(pre) (and the legacy PreReq) with pre="1"; createrepo_c writes it that way.
            boolean pre = kind == RelationKind.DEPENDS && "1".equals(XmlInput.attr(r, "pre"));
            XmlInput.skip(r);
            if (n == null || n.isEmpty()) {
                throw MetadataException.at(src, line, "package " + name + ": dependency entry without a name");
            }
            try {
                b.relation(RpmDependencies.relation(pre ? RelationKind.PRE_DEPENDS : kind, n, op, v));
            } catch (MetadataException e) {
                throw MetadataException.at(src, line, "package " + name + ": " + e.getMessage());
            }
        }
    }

    private String entryEvr() {
        return EvrText.of(XmlInput.attr(r, "epoch"), XmlInput.attr(r, "ver"), XmlInput.attr(r, "rel"));
    }
}
