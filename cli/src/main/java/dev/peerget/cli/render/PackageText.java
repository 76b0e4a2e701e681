package dev.peerget.cli.render;

import dev.peerget.engine.query.AvailablePackage;
import dev.peerget.model.Checksum;
import dev.peerget.model.InstalledPackage;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a package for {@code show}: an apt-cache stanza for Debian packages, dnf's info block for RPMs. */
public final class PackageText {
    private static final String[][] DEB_FIELDS = {
        {"PRE_DEPENDS", "Pre-Depends"}, {"DEPENDS", "Depends"}, {"RECOMMENDS", "Recommends"},
        {"SUGGESTS", "Suggests"}, {"ENHANCES", "Enhances"}, {"BREAKS", "Breaks"}, {"CONFLICTS", "Conflicts"},
        {"REPLACES", "Replaces"},
    };

    private PackageText() {
    }

    public static void show(PrintWriter out, AvailablePackage p) {
        if (p.record().format() == PackageFormat.DEB) {
            deb(out, p.record(), p.origin());
        } else {
            rpm(out, p.record(), p.origin());
        }
    }

    public static void show(PrintWriter out, InstalledPackage p) {
        if (p.record().format() == PackageFormat.DEB) {
            deb(out, p.record(), "");
        } else {
            rpm(out, p.record(), "@System");
        }
    }

    private static void deb(PrintWriter out, PackageRecord r, String origin) {
        field(out, "Package", r.name());
        field(out, "Version", r.version());
        if (r.installedSize() > 0) {
            field(out, "Installed-Size", Long.toString((r.installedSize() + 1023) / 1024));
        }
        field(out, "Maintainer", r.maintainer());
        field(out, "Architecture", r.arch());
        if (!r.source().isEmpty() && !r.source().equals(r.name())) {
            field(out, "Source", r.source());
        }
        if (r.essential()) {
            field(out, "Essential", "yes");
        }
        if (r.multiArch() != dev.peerget.model.MultiArch.NO) {
            field(out, "Multi-Arch", r.multiArch().name().toLowerCase(Locale.ROOT));
        }
        if (!r.provides().isEmpty()) {
            field(out, "Provides", r.provides().stream()
                    .map(p -> p.version() == null ? p.name() : p.name() + " (= " + p.version() + ")")
                    .collect(Collectors.joining(", ")));
        }
        for (String[] f : DEB_FIELDS) {
            List<Relation> rel = r.relations(RelationKind.valueOf(f[0]));
            if (!rel.isEmpty()) {
                field(out, f[1], rel.stream().map(Relation::text).collect(Collectors.joining(", ")));
            }
        }
        out.println("Description: " + r.summary());
        for (String line : r.description().split("\n", -1)) {
            if (!r.description().isEmpty()) {
                out.println(line.isEmpty() ? " ." : " " + line);
            }
        }
        field(out, "Homepage", r.homepage());
        field(out, "Section", r.section());
        field(out, "Priority", r.priority());
        field(out, "Filename", r.location());
        if (r.size() > 0) {
            field(out, "Size", Long.toString(r.size()));
        }
        for (Checksum c : r.checksums()) {
            field(out, switch (c.algorithm()) {
                case MD5 -> "MD5sum";
                case SHA1 -> "SHA1";
                case SHA256 -> "SHA256";
                case SHA512 -> "SHA512";
            }, c.hex());
        }
        field(out, "Suite", origin);
        out.println();
    }

    private static void rpm(PrintWriter out, PackageRecord r, String repo) {
        String v = r.version();
        int colon = v.indexOf(':');
        String epoch = colon > 0 ? v.substring(0, colon) : "0";
        String vr = colon > 0 ? v.substring(colon + 1) : v;
        int dash = vr.lastIndexOf('-');
        info(out, "Name", r.name());
        info(out, "Epoch", epoch);
        info(out, "Version", dash > 0 ? vr.substring(0, dash) : vr);
        info(out, "Release", dash > 0 ? vr.substring(dash + 1) : "");
        info(out, "Architecture", r.arch());
        if (r.size() > 0) {
            info(out, "Download size", Sizes.human(r.size()));
        }
        if (r.installedSize() > 0) {
            info(out, "Installed size", Sizes.human(r.installedSize()));
        }
        info(out, "Source", r.source());
        info(out, "Repository", repo);
        info(out, "Summary", r.summary());
        info(out, "URL", r.homepage());
        info(out, "License", r.license());
        String[] desc = r.description().split("\n", -1);
        for (int i = 0; i < desc.length; i++) {
            out.println((i == 0 ? "Description    : " : "               : ") + desc[i]);
        }
        List<Relation> requires = r.relations(RelationKind.DEPENDS);
        if (!requires.isEmpty()) {
            info(out, "Requires", requires.stream().map(Relation::text).collect(Collectors.joining(", ")));
        }
        if (!r.provides().isEmpty()) {
            info(out, "Provides", r.provides().stream().map(Provide::toString).collect(Collectors.joining(", ")));
        }
        out.println();
    }

    private static void field(PrintWriter out, String name, String value) {
        if (!value.isEmpty()) {
            out.println(name + ": " + value);
        }
    }

    private static void info(PrintWriter out, String name, String value) {
        out.printf(Locale.ROOT, "%-15s: %s%n", name, value);
    }

    /** {@code name/origin version arch}, apt's list and search line. */
    public static String listLine(String name, String origin, String version, String arch) {
        return name + (origin.isEmpty() ? "" : "/" + origin) + " " + version + " " + arch;
    }
}
