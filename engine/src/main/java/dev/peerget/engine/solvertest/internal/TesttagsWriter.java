package dev.peerget.engine.solvertest.internal;

import dev.peerget.model.MultiArch;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Writes packages in libsolv's "testtags" repository format ({@code testcase_write_testtags}): version 3.0,
 * so every package provides itself explicitly. Relations libsolv has no tag for travel in tags it skips:
 * {@code =Xes:} (essential), {@code =Xma:} (Debian Multi-Arch), {@code =Xsz:} (download and installed size),
 * {@code +Xbr:} (Debian Breaks, also written as {@code Con:} so libsolv honours them) and {@code +Xrp:}
 * (Debian Replaces); the testcase writer adds {@code =Xpf:} for a build whose preference differs from its
 * repository's priority. Not thread-safe.
 */
public final class TesttagsWriter {
    private final PrintWriter out;
    private final Predicate<Requirement.Atom> builtIn;
    private final Set<String> wantedFiles;

    /**
     * @param builtIn     atoms the package tool satisfies itself (rpmlib); left out, as libsolv's rpm-md reader does
     * @param wantedFiles file paths some relation names; only those of each package's files are written
     */
    public TesttagsWriter(PrintWriter out, Predicate<Requirement.Atom> builtIn, Set<String> wantedFiles) {
        this.out = out;
        this.builtIn = builtIn;
        this.wantedFiles = wantedFiles;
        out.println("=Ver: 3.0");
    }

    public void write(PackageRecord r) {
        String version = r.version();
        int dash = version.lastIndexOf('-');
        String release = dash > 0 && dash < version.length() - 1 ? version.substring(dash + 1) : "-";
        String upstream = dash > 0 && dash < version.length() - 1 ? version.substring(0, dash) : version;
        out.println("=Pkg: " + DepSyntax.escape(r.name()) + " " + DepSyntax.escape(upstream) + " "
                + DepSyntax.escape(release) + " " + DepSyntax.escape(r.arch()));
        if (!r.summary().isBlank()) {
            out.println("=Sum: " + r.summary().lines().findFirst().orElse("").strip());
        }
        block("Req", deps(r, RelationKind.DEPENDS));
        block("Prq", deps(r, RelationKind.PRE_DEPENDS));
        List<String> provides = new ArrayList<>();
        provides.add(DepSyntax.escape(r.name()) + " = " + DepSyntax.escape(r.version()));
        for (Provide p : r.provides()) {
            provides.add(DepSyntax.escape(p.name()) + (p.version() == null ? "" : " = " + DepSyntax.escape(p.version())));
        }
        block("Prv", provides);
        block("Obs", deps(r, RelationKind.OBSOLETES));
        List<String> conflicts = deps(r, RelationKind.CONFLICTS);
        List<String> breaks = deps(r, RelationKind.BREAKS);
        List<String> libsolvConflicts = new ArrayList<>(conflicts);
        libsolvConflicts.addAll(breaks);
        block("Con", libsolvConflicts);
        block("Rec", deps(r, RelationKind.RECOMMENDS));
        block("Sup", deps(r, RelationKind.SUPPLEMENTS));
        block("Sug", deps(r, RelationKind.SUGGESTS));
        block("Enh", deps(r, RelationKind.ENHANCES));
        block("Fls", r.files().stream().filter(wantedFiles::contains).toList());
        block("Xbr", breaks);
        block("Xrp", deps(r, RelationKind.REPLACES));
        if (r.essential()) {
            out.println("=Xes: yes");
        }
        if (r.multiArch() != MultiArch.NO) {
            out.println("=Xma: " + r.multiArch().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (r.size() > 0 || r.installedSize() > 0) {
            out.println("=Xsz: " + r.size() + " " + r.installedSize());
        }
    }

    private List<String> deps(PackageRecord r, RelationKind kind) {
        List<String> out = new ArrayList<>();
        for (Relation rel : r.relations(kind)) {
            if (rel.requirement() instanceof Requirement.Atom a && builtIn.test(a)) {
                continue;
            }
            out.add(DepSyntax.write(rel.requirement()));
        }
        return out;
    }

    private void block(String tag, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.println("+" + tag + ":");
        lines.forEach(out::println);
        out.println("-" + tag + ":");
    }
}
