package dev.peerget.engine.solvertest.internal;

import dev.peerget.engine.solvertest.TestcaseException;
import dev.peerget.model.MultiArch;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads libsolv "testtags" repositories ({@code testcase_add_testtags}) into package records, with the
 * extension tags {@link TesttagsWriter} adds. A package's provide of its own name and version (explicit in
 * version 3.0, implicit before) is not kept: peerget's records list only other provides. Tags peerget does not
 * model ({@code =Vnd:}, {@code =Tim:}, ...) are skipped, as libsolv skips unknown ones. Not thread-safe.
 */
public final class TesttagsReader {
    private static final Map<String, RelationKind> KINDS = Map.of("Req", RelationKind.DEPENDS,
            "Prq", RelationKind.PRE_DEPENDS, "Obs", RelationKind.OBSOLETES, "Con", RelationKind.CONFLICTS,
            "Rec", RelationKind.RECOMMENDS, "Sup", RelationKind.SUPPLEMENTS, "Sug", RelationKind.SUGGESTS,
            "Enh", RelationKind.ENHANCES, "Xbr", RelationKind.BREAKS, "Xrp", RelationKind.REPLACES);

    private final PackageFormat format;
    private final String file;
    private final List<Entry> records = new ArrayList<>();
    private Integer preference;
    private PackageRecord.Builder current;
    private final List<Relation> relations = new ArrayList<>();
    private final List<String> breaks = new ArrayList<>();

    private final int firstLine;

    private TesttagsReader(PackageFormat format, String file, int firstLine) {
        this.format = format;
        this.file = file;
        this.firstLine = firstLine;
    }

    /**
     * A package and, when its {@code =Xpf:} tag gives one, its own preference (else the repository's).
     */
    public record Entry(PackageRecord record, Integer preference) { }

    /**
     * The packages of one repository; {@code file} names it in errors, where {@code lines} start at line
     * {@code firstLine} (1 for a file, later for a repository inline in a testcase).
     */
    public static List<Entry> read(PackageFormat format, String file, List<String> lines, int firstLine) {
        TesttagsReader r = new TesttagsReader(format, file, firstLine);
        r.parse(lines);
        return r.records;
    }

    private void parse(List<String> lines) {
        String multiTag = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNo = i + firstLine;
            try {
                if (multiTag != null) {
                    if (line.equals("-" + multiTag + ":")) {
                        multiTag = null;
                    } else {
                        tag(multiTag, line);
                    }
                } else if (line.length() > 4 && line.charAt(0) == '+' && line.charAt(4) == ':') {
                    multiTag = line.substring(1, 4);
                } else if (line.length() > 4 && line.charAt(0) == '=' && line.charAt(4) == ':') {
                    tag(line.substring(1, 4), line.length() > 6 ? line.substring(6) : "");
                }
            } catch (IllegalArgumentException e) {
                throw new TestcaseException(file + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
        finish();
    }

    private void tag(String tag, String value) {
        if (tag.equals("Pkg")) {
            finish();
            String[] f = value.trim().split("\\s+");
            if (f.length != 4) {
                throw new IllegalArgumentException("=Pkg: needs name, version, release and architecture");
            }
            String version = DepSyntax.unescape(f[1]) + (f[2].equals("-") ? "" : "-" + DepSyntax.unescape(f[2]));
            String arch = f[3].equals("-") ? (format == PackageFormat.DEB ? "all" : "noarch") : DepSyntax.unescape(f[3]);
            current = PackageRecord.builder(format, DepSyntax.unescape(f[0]), version, arch);
            return;
        }
        if (current == null || tag.equals("Ver")) {
            return;
        }
        RelationKind kind = KINDS.get(tag);
        if (kind != null) {
            if (kind == RelationKind.BREAKS) {
                breaks.add(value);
            }
            Requirement req = value.startsWith("/") ? Requirement.Atom.of(value) : DepSyntax.parse(value);
            relations.add(new Relation(kind, req, RelationText.of(format, req)));
            return;
        }
        switch (tag) {
            case "Sum" -> current.summary(value);
            case "Prv" -> provide(value);
            case "Fls" -> current.file(value);
            case "Xpf" -> preference = Integer.valueOf(value.trim());
            case "Xes" -> current.essential(value.equals("yes"));
            case "Xma" -> current.multiArch(MultiArch.valueOf(value.trim().toUpperCase(Locale.ROOT)));
            case "Xsz" -> {
                String[] f = value.trim().split("\\s+");
                current.size(Long.parseLong(f[0])).installedSize(f.length > 1 ? Long.parseLong(f[1]) : 0);
            }
            default -> {
                // libsolv's other tags (vendor, build time, ...) do not change peerget's answer
            }
        }
    }

    private void provide(String value) {
        if (value.startsWith("/")) {
            current.file(value); // version 2 listed files among the provides
            return;
        }
        Requirement r = DepSyntax.parse(value);
        if (!(r instanceof Requirement.Atom a) || (a.constraint() != null
                && a.constraint().op() != dev.peerget.model.Op.EQ)) {
            throw new IllegalArgumentException("a provide must be 'name' or 'name = version': " + value);
        }
        PackageRecord self = current.build();
        if (a.name().equals(self.name()) && a.constraint() != null && a.constraint().version().equals(self.version())) {
            return;
        }
        current.provide(new Provide(a.name(), a.constraint() == null ? null : a.constraint().version()));
    }

    private void finish() {
        if (current == null) {
            return;
        }
        // Breaks were written twice, as Con: for libsolv and as Xbr: for peerget: keep them once, as Breaks.
        for (String b : breaks) {
            Requirement req = DepSyntax.parse(b);
            for (int i = 0; i < relations.size(); i++) {
                Relation r = relations.get(i);
                if (r.kind() == RelationKind.CONFLICTS && r.requirement().equals(req)) {
                    relations.remove(i);
                    break;
                }
            }
        }
        current.relations(relations);
        records.add(new Entry(current.build(), preference));
        current = null;
        preference = null;
        relations.clear();
        breaks.clear();
    }
}
