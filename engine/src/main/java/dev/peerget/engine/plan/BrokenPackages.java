package dev.peerget.engine.plan;

import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.PlanValidator;
import dev.peerget.resolver.Universe;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * apt's broken-system check (pkgDepCache's "BrokenCount"): the hard dependencies of installed packages that the
 * installed packages do not satisfy, as after {@code dpkg --force-depends -i}. The rule itself is
 * {@link PlanValidator#unmet}; this class words each dependency as apt-get's "unmet dependencies" list does.
 */
final class BrokenPackages {
    private BrokenPackages() {
    }

    /** The unmet dependencies of the universe's installed packages, in installed order; empty when none. */
    static List<UnmetDependency> find(Universe universe) {
        Set<Candidate> installed = new LinkedHashSet<>(universe.installed());
        List<UnmetDependency> out = new ArrayList<>();
        for (PlanValidator.Unmet u : new PlanValidator().unmet(universe, installed)) {
            Candidate x = u.who();
            out.add(new UnmetDependency(x.name(), x.record().arch(), x.record().version(),
                    u.relation().kind() == RelationKind.PRE_DEPENDS ? "PreDepends" : "Depends",
                    alternatives(universe, installed, u.relation().requirement(), u.relation().text())));
        }
        return out;
    }

    /**
     * The alternatives of a Debian relation ({@code a (>= 1) | b}), each with apt's reason; a relation whose
     * text does not split into its atoms (not Debian's shape) is one alternative without a reason.
     */
    private static List<UnmetDependency.Alternative> alternatives(Universe universe, Set<Candidate> installed,
                                                                  Requirement requirement, String text) {
        List<Requirement> atoms = requirement instanceof Requirement.AnyOf any ? any.alternatives()
                : List.of(requirement);
        String[] texts = text.split("\\|");
        if (texts.length != atoms.size() || !atoms.stream().allMatch(Requirement.Atom.class::isInstance)) {
            return List.of(new UnmetDependency.Alternative(text.strip(), null));
        }
        List<UnmetDependency.Alternative> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            out.add(new UnmetDependency.Alternative(texts[i].strip(),
                    reason(universe, installed, (Requirement.Atom) atoms.get(i))));
        }
        return out;
    }

    /** apt-get's words (pkgDepCache, ShowBroken) for why an installed set misses {@code atom}. */
    private static String reason(Universe universe, Set<Candidate> installed, Requirement.Atom atom) {
        List<Candidate> builds = universe.named(atom.name());
        for (Candidate c : builds) {
            if (installed.contains(c)) {
                return c.record().version() + " is installed";
            }
        }
        if (!builds.isEmpty()) {
            return "it is not installed";
        }
        return universe.providers(atom.name()).isEmpty() ? "it is not installable" : "it is a virtual package";
    }
}
