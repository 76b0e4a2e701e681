package dev.peerget.repo.rpm.internal;

import dev.peerget.model.InstalledPackage;
import dev.peerget.model.Op;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.RelationKind;
import dev.peerget.repo.MetadataException;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the output of {@code rpm -qa --qf QUERY_FORMAT}: one {@code @} line per package followed by tagged lines
 * for its summary and each element of its dependency and file arrays. Fields are tab-separated; the free-text
 * field of each line comes last so a stray tab in it cannot shift the others. Stateless and thread-safe.
 */
public final class RpmQueryOutputParser {
    /**
     * The query format (rpm 4.14+ tags; RECOMMENDNAME etc. exist since 4.12). {@code %|EPOCH?{…}:{}|} prints
     * nothing instead of {@code (none)} for an absent tag. Flags are numeric rpmsenseFlags.
     */
    public static final String QUERY_FORMAT = "@\t%{NAME}\t%|EPOCH?{%{EPOCH}}:{}|\t%{VERSION}\t%{RELEASE}\t%{ARCH}"
            + "\t%{SIZE}\t%|SOURCERPM?{%{SOURCERPM}}:{}|\t%|LICENSE?{%{LICENSE}}:{}|\t%|URL?{%{URL}}:{}|"
            + "\t%|GROUP?{%{GROUP}}:{}|\t%|PACKAGER?{%{PACKAGER}}:{}|\n"
            + "S\t%|SUMMARY?{%{SUMMARY}}:{}|\n"
            + dep("R", "REQUIRE") + dep("P", "PROVIDE") + dep("C", "CONFLICT") + dep("O", "OBSOLETE")
            + dep("REC", "RECOMMEND") + dep("SUG", "SUGGEST") + dep("SUP", "SUPPLEMENT") + dep("ENH", "ENHANCE")
            + "[F\t%{FILENAMES}\n]";

    /**
     * rpmsenseFlags (include/rpm/rpmds.h) that make a requirement a prerequisite: PREREQ (legacy), PRETRANS,
     * SCRIPT_PRE and SCRIPT_POST. createrepo_c writes such entries with {@code pre="1"}; peerget maps them to
     * PRE_DEPENDS in both places.
     */
    private static final int PRE_MASK = (1 << 6) | (1 << 7) | (1 << 9) | (1 << 10);

    private RpmQueryOutputParser() {
    }

    private static String dep(String tag, String rpmTag) {
        return "[" + tag + "\t%{" + rpmTag + "FLAGS}\t%{" + rpmTag + "VERSION}\t%{" + rpmTag + "NAME}\n]";
    }

    /** Reads every package; {@code sourceName} names the command in errors. */
    public static List<InstalledPackage> parse(BufferedReader in, String sourceName) throws IOException {
        List<InstalledPackage> out = new ArrayList<>();
        PackageRecord.Builder current = null;
        String name = null;
        String evr = null;
        long lineNo = 0;
        for (String line; (line = in.readLine()) != null; ) {
            lineNo++;
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f[0].equals("@")) {
                if (current != null) {
                    out.add(new InstalledPackage(current.build(), "installed"));
                }
                if (f.length < 12) {
                    throw MetadataException.at(sourceName, lineNo, "expected 12 fields in '" + line + "'");
                }
                name = f[1];
                evr = EvrText.of(f[2], f[3], f[4]);
                // gpg-pubkey entries are imported OpenPGP keys, not installable packages.
                current = name.equals("gpg-pubkey") ? null
                        : PackageRecord.builder(PackageFormat.RPM, name, evr, f[5])
                                .installedSize(number(f[6], sourceName, lineNo)).source(f[7]).license(f[8])
                                .homepage(f[9]).section(f[10]).maintainer(f[11]);
                continue;
            }
            if (current == null) {
                if (name == null) {
                    throw MetadataException.at(sourceName, lineNo, "data before the first package: '" + line + "'");
                }
                continue; // lines of a skipped gpg-pubkey
            }
            if (f[0].equals("S")) {
                current.summary(line.substring(2));
            } else if (f[0].equals("F")) {
                current.file(line.substring(2));
            } else if (f.length >= 4) {
                int flags = (int) number(f[1], sourceName, lineNo);
                String depName = line.substring(f[0].length() + f[1].length() + f[2].length() + 3);
                Op op = RpmDependencies.opOfSense(flags);
                String v = op == null || f[2].isEmpty() ? null : EvrText.canonical(f[2]);
                addDependency(current, f[0], depName, flags, op, v, name, evr, sourceName, lineNo);
            } else {
                throw MetadataException.at(sourceName, lineNo, "unexpected line '" + line + "'");
            }
        }
        if (current != null) {
            out.add(new InstalledPackage(current.build(), "installed"));
        }
        return out;
    }

    private static void addDependency(PackageRecord.Builder b, String tag, String depName, int flags, Op op, String v,
            String pkgName, String pkgEvr, String src, long lineNo) {
        if (tag.equals("P")) {
            String pv = op == Op.EQ ? v : null;
            if (!(depName.equals(pkgName) && pkgEvr.equals(pv))) {
                b.provide(new Provide(depName, pv)); // the exact self-provide is dropped, as for primary.xml
            }
            return;
        }
        RelationKind kind = switch (tag) {
            case "R" -> (flags & PRE_MASK) != 0 ? RelationKind.PRE_DEPENDS : RelationKind.DEPENDS;
            case "C" -> RelationKind.CONFLICTS;
            case "O" -> RelationKind.OBSOLETES;
            case "REC" -> RelationKind.RECOMMENDS;
            case "SUG" -> RelationKind.SUGGESTS;
            case "SUP" -> RelationKind.SUPPLEMENTS;
            case "ENH" -> RelationKind.ENHANCES;
            default -> throw MetadataException.at(src, lineNo, "unknown line tag '" + tag + "'");
        };
        try {
            b.relation(RpmDependencies.relation(kind, depName, op, v));
        } catch (MetadataException e) {
            throw MetadataException.at(src, lineNo, "package " + pkgName + ": " + e.getMessage());
        }
    }

    private static long number(String s, String src, long lineNo) {
        try {
            return s.isEmpty() || s.equals("(none)") ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw MetadataException.at(src, lineNo, "not a number: '" + s + "'");
        }
    }
}
