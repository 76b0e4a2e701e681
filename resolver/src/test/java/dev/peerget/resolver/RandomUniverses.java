package dev.peerget.resolver;

import dev.peerget.model.Op;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Provide;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.model.VersionConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small random universes from a seed (≤ 12 candidates, so every subset can be checked by brute force). */
final class RandomUniverses {
    private RandomUniverses() {
    }

    static TestUniverse generate(long seed) {
        Random rnd = new Random(seed);
        int names = 3 + rnd.nextInt(4);
        List<Candidate> out = new ArrayList<>();
        for (int n = 0; n < names && out.size() < 12; n++) {
            int versions = 1 + rnd.nextInt(3);
            int installedVersion = rnd.nextDouble() < 0.4 ? 1 + rnd.nextInt(versions) : 0;
            for (int v = 1; v <= versions && out.size() < 12; v++) {
                PackageRecord.Builder b = PackageRecord.builder(PackageFormat.DEB, "n" + n, String.valueOf(v), "amd64");
                int deps = rnd.nextInt(3);
                for (int d = 0; d < deps; d++) {
                    Requirement r = rnd.nextDouble() < 0.3
                            ? new Requirement.AnyOf(List.of(atom(rnd, names), atom(rnd, names)))
                            : atom(rnd, names);
                    b.relation(new Relation(rnd.nextDouble() < 0.8 ? RelationKind.DEPENDS : RelationKind.RECOMMENDS,
                            r, r.toString()));
                }
                if (rnd.nextDouble() < 0.2) {
                    Requirement.Atom c = atom(rnd, names);
                    b.relation(new Relation(rnd.nextBoolean() ? RelationKind.CONFLICTS : RelationKind.BREAKS, c,
                            c.toString()));
                }
                if (rnd.nextDouble() < 0.15) {
                    b.provide(Provide.of("virt"));
                }
                boolean installed = v == installedVersion;
                boolean essential = installed && rnd.nextDouble() < 0.1;
                b.essential(essential);
                out.add(new Candidate(b.build(), installed ? "@System" : "r", 500, installed, essential));
            }
        }
        return new TestUniverse(out);
    }

    private static Requirement.Atom atom(Random rnd, int names) {
        String name = rnd.nextDouble() < 0.1 ? "virt" : "n" + rnd.nextInt(names + 1); // n{names} does not exist
        VersionConstraint c = switch (rnd.nextInt(5)) {
            case 0 -> new VersionConstraint(Op.GE, String.valueOf(1 + rnd.nextInt(3)));
            case 1 -> new VersionConstraint(Op.LT, String.valueOf(1 + rnd.nextInt(3)));
            case 2 -> new VersionConstraint(Op.EQ, String.valueOf(1 + rnd.nextInt(3)));
            default -> null;
        };
        return new Requirement.Atom(name, null, c);
    }

    /** The same universe without one relation of one candidate. */
    static TestUniverse without(TestUniverse u, Candidate who, Relation relation) {
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : u.all()) {
            if (!c.equals(who)) {
                out.add(c);
                continue;
            }
            PackageRecord r = c.record();
            List<Relation> rel = new ArrayList<>(r.relations());
            rel.remove(relation);
            PackageRecord copy = new PackageRecord(r.id(), r.format(), r.summary(), r.description(), r.section(),
                    r.priority(), r.essential(), r.multiArch(), rel, r.provides(), r.files(), r.size(),
                    r.installedSize(), r.location(), r.checksums(), r.source(), r.maintainer(), r.homepage(),
                    r.license());
            out.add(new Candidate(copy, c.source(), c.preference(), c.installed(), c.essential()));
        }
        return new TestUniverse(out);
    }
}
