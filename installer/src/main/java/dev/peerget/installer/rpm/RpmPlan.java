package dev.peerget.installer.rpm;

import dev.peerget.installer.Action;
import dev.peerget.installer.Step;
import dev.peerget.model.FormatRules;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Splits an RPM transaction into rpm runs. rpm orders a transaction itself (by Requires, Requires(pre) and
 * its own rules), so the aim is as few runs as possible; but rpm's command line cannot mix installs and erases:
 *
 * <ul>
 * <li>Installs, upgrades, downgrades and reinstalls go into one {@code rpm -U}. A removal of a package that an
 *     installed package Obsoletes happens in that same transaction: {@code rpm -U} erases it itself.</li>
 * <li>Other removals go into one {@code rpm -e}: before the {@code -U} when an install Conflicts with a
 *     removed package (or the other way round), so that rpm accepts the install; otherwise after it, so that
 *     packages which depend on what is removed find the replacement already installed.</li>
 * <li>A second version of an installonly package (a kernel) is installed with {@code rpm -i}, which keeps the
 *     others; {@code -U} would erase them.</li>
 * </ul>
 *
 * <p>rpm checks every run's dependencies itself (no {@code --nodeps}). A replacement that both conflicts with
 * a removed package and is needed by its dependents cannot pass two separate rpm runs; rpm then refuses the
 * erase and says why. Pure and stateless; thread-safe.
 */
public final class RpmPlan {

    /** What one rpm run does. */
    public enum Kind {
        /** {@code rpm -e}. */
        ERASE,
        /** {@code rpm -U}; its steps may include removals that the upgrade obsoletes. */
        UPGRADE,
        /** {@code rpm -i}: installonly packages next to their other versions. */
        INSTALL
    }

    /** One rpm run and the steps it carries out. */
    public record Phase(Kind kind, List<Step> steps) {
        public Phase {
            Objects.requireNonNull(kind, "kind");
            steps = List.copyOf(steps);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("empty " + kind + " phase");
            }
        }

        /** The package files this run installs, in step order. */
        public List<Step.Install> installs() {
            return steps.stream().filter(s -> s instanceof Step.Install).map(s -> (Step.Install) s).toList();
        }
    }

    private RpmPlan() {
    }

    /**
     * @param installed the packages installed now
     * @param rules     rpm's matching rules (Obsoletes by name, installonly co-installation)
     */
    public static List<Phase> plan(List<Step> steps, Collection<PackageRecord> installed, FormatRules rules) {
        List<Step> upgrade = new ArrayList<>();
        List<Step> installOnly = new ArrayList<>();
        List<Step.Remove> erase = new ArrayList<>();
        List<Step.Install> installs = new ArrayList<>();
        for (Step s : steps) {
            if (s instanceof Step.Install i) {
                installs.add(i);
                if (i.action() == Action.INSTALL && installed.stream().anyMatch(r -> r.name().equals(i.name())
                        && r.arch().equals(i.arch()) && rules.mayCoexist(r, i.record()))) {
                    installOnly.add(i);
                } else {
                    upgrade.add(i);
                }
            }
        }
        for (Step s : steps) {
            if (s instanceof Step.Remove r) {
                List<PackageRecord> targets = targets(r, installed);
                boolean obsoleted = !targets.isEmpty() && targets.stream().allMatch(t -> installs.stream()
                        .anyMatch(i -> hits(i.record(), RelationKind.OBSOLETES, t, rules)));
                if (obsoleted) {
                    upgrade.add(r);
                } else {
                    erase.add(r);
                }
            }
        }
        boolean eraseFirst = erase.stream().anyMatch(r -> targets(r, installed).stream().anyMatch(t ->
                installs.stream().anyMatch(i -> hits(i.record(), RelationKind.CONFLICTS, t, rules)
                        || hits(t, RelationKind.CONFLICTS, i.record(), rules))));
        List<Phase> phases = new ArrayList<>();
        if (eraseFirst) {
            phases.add(new Phase(Kind.ERASE, List.copyOf(erase)));
        }
        if (upgrade.stream().anyMatch(s -> s instanceof Step.Install)) {
            phases.add(new Phase(Kind.UPGRADE, upgrade));
        } else {
            upgrade.forEach(s -> erase.add((Step.Remove) s)); // nothing installed that could obsolete them
        }
        if (!installOnly.isEmpty()) {
            phases.add(new Phase(Kind.INSTALL, installOnly));
        }
        if (!eraseFirst && !erase.isEmpty()) {
            phases.add(new Phase(Kind.ERASE, List.copyOf(erase)));
        }
        return phases;
    }

    /** The installed packages a removal step names. */
    static List<PackageRecord> targets(Step.Remove r, Collection<PackageRecord> installed) {
        return installed.stream().filter(p -> p.name().equals(r.name()) && p.arch().equals(r.arch())
                && (r.version() == null || p.version().equals(r.version()))).toList();
    }

    private static boolean hits(PackageRecord dependent, RelationKind kind, PackageRecord candidate,
                                FormatRules rules) {
        for (Relation relation : dependent.relations(kind)) {
            for (Requirement.Atom atom : relation.requirement().atoms()) {
                if (rules.forbids(dependent, kind, atom, candidate)) {
                    return true;
                }
            }
        }
        return false;
    }
}
