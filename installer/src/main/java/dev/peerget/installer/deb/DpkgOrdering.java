package dev.peerget.installer.deb;

import dev.peerget.installer.InstallerException;
import dev.peerget.installer.Step;
import dev.peerget.model.FormatRules;
import dev.peerget.model.PackageRecord;
import dev.peerget.model.Relation;
import dev.peerget.model.RelationKind;
import dev.peerget.model.Requirement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Splits a Debian transaction into dpkg runs, the way apt's package manager does (observed with
 * {@code apt-get -o Debug::pkgDPkgPM=1}):
 *
 * <ol>
 * <li>All removals first, dependents before what they depend on, in one {@code dpkg --remove} (then one
 *     {@code --purge}) run. The resolver already made the end state consistent, so the run uses
 *     {@code --force-depends} as apt does, and a package that conflicts with one being installed is gone before
 *     the new one is unpacked.</li>
 * <li>Then stages of {@code dpkg --unpack} followed by {@code dpkg --configure}. A package's Pre-Depends must be
 *     configured before it is unpacked (Debian Policy §7.2), and configuring a package needs its Depends
 *     configured, so the targets of a Pre-Depends and everything they depend on go into an earlier stage.
 *     Stages are filled as late as possible: as in apt, only what a pre-dependency needs is set up early and
 *     everything else is unpacked and configured together at the end.</li>
 * <li>Within a stage, dependencies come before their dependents; packages that depend on each other (a cycle)
 *     are unpacked together and configured in one run, where dpkg breaks the cycle itself. A package that
 *     Breaks or Conflicts with the installed version of a package upgraded here is unpacked after that upgrade
 *     where the dependencies allow it; otherwise dpkg's {@code --auto-deconfigure} handles it, as with apt.</li>
 * </ol>
 *
 * <p>A Pre-Depends inside a cycle can only be met by an installed version that stays: the pre-depending
 * package is then unpacked first, while that version is still configured. Otherwise no order exists and the
 * transaction is refused before dpkg runs. Pure and stateless; thread-safe.
 */
public final class DpkgOrdering {

    /** What one dpkg run does. */
    public enum Kind { REMOVE, PURGE, UNPACK, CONFIGURE }

    /** One dpkg run: its kind and the steps it processes, in command-line order. */
    public record Batch(Kind kind, List<Step> steps) {
        public Batch {
            Objects.requireNonNull(kind, "kind");
            steps = List.copyOf(steps);
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("empty " + kind + " batch");
            }
        }
    }

    private static final Comparator<Step> BY_NAME =
            Comparator.comparing(Step::name).thenComparing(Step::arch);

    private DpkgOrdering() {
    }

    /**
     * The dpkg runs that carry out {@code steps}.
     *
     * @param installed the packages installed now (every state but config-files), for the dependencies of
     *                  removed packages, the old versions of upgraded ones and Pre-Depends already met
     * @param rules     Debian's matching rules (provides, architecture qualifiers, Multi-Arch)
     * @throws InstallerException when a Pre-Depends cannot be configured before its package is unpacked
     */
    public static List<Batch> order(List<Step> steps, Collection<PackageRecord> installed, FormatRules rules) {
        Map<String, PackageRecord> installedByKey = new HashMap<>();
        for (PackageRecord r : installed) {
            installedByKey.put(key(r.name(), r.arch()), r);
        }
        List<Step.Remove> removes = new ArrayList<>();
        List<Step.Remove> purges = new ArrayList<>();
        List<Step.Install> installs = new ArrayList<>();
        for (Step s : steps) {
            if (s instanceof Step.Install i) {
                installs.add(i);
            } else if (s instanceof Step.Remove r) {
                (r.purge() ? purges : removes).add(r);
            }
        }
        List<Batch> batches = new ArrayList<>();
        List<Step> removalOrder = removalOrder(concat(removes, purges), installedByKey, rules);
        List<Step> plainRemovals = removalOrder.stream().filter(s -> !((Step.Remove) s).purge()).toList();
        List<Step> purgeRemovals = removalOrder.stream().filter(s -> ((Step.Remove) s).purge()).toList();
        if (!plainRemovals.isEmpty()) {
            batches.add(new Batch(Kind.REMOVE, plainRemovals));
        }
        if (!purgeRemovals.isEmpty()) {
            batches.add(new Batch(Kind.PURGE, purgeRemovals));
        }
        Set<String> removedKeys = new HashSet<>();
        for (Step s : removalOrder) {
            removedKeys.add(key(s.name(), s.arch()));
        }
        List<PackageRecord> remaining = installed.stream()
                .filter(r -> !removedKeys.contains(key(r.name(), r.arch()))).toList();
        for (List<Step.Install> stage : stages(installs, installedByKey, remaining, rules)) {
            batches.add(new Batch(Kind.UNPACK, List.copyOf(stage)));
            batches.add(new Batch(Kind.CONFIGURE, List.copyOf(stage)));
        }
        return batches;
    }

    /** Removals with dependents first (their prerm still finds what they need). */
    private static List<Step> removalOrder(List<Step.Remove> removals, Map<String, PackageRecord> installed,
                                           FormatRules rules) {
        List<Step.Remove> nodes = new ArrayList<>(removals);
        nodes.sort(BY_NAME);
        List<PackageRecord> records = nodes.stream().map(r -> installed.get(key(r.name(), r.arch()))).toList();
        List<List<Integer>> edges = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            edges.add(records.get(i) == null ? List.of()
                    : dependencyTargets(records.get(i), records, i, rules, false));
        }
        List<Step> order = new ArrayList<>();
        for (List<Integer> component : Scc.components(edges)) {
            for (int i : component) {
                order.add(nodes.get(i));
            }
        }
        java.util.Collections.reverse(order); // dependencies-first reversed: dependents first
        return order;
    }

    private static List<List<Step.Install>> stages(List<Step.Install> unsorted,
                                                   Map<String, PackageRecord> installedByKey,
                                                   List<PackageRecord> remaining, FormatRules rules) {
        List<Step.Install> nodes = new ArrayList<>(unsorted);
        nodes.sort(BY_NAME);
        int n = nodes.size();
        List<PackageRecord> records = nodes.stream().map(Step.Install::record).toList();
        List<List<Integer>> hard = new ArrayList<>();
        List<Set<Integer>> preTargets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hard.add(dependencyTargets(records.get(i), records, i, rules, false));
            preTargets.add(new TreeSet<>(dependencyTargets(records.get(i), records, i, rules, true)));
        }
        List<List<Integer>> components = Scc.components(hard);
        int[] componentOf = new int[n];
        for (int c = 0; c < components.size(); c++) {
            for (int i : components.get(c)) {
                componentOf[i] = c;
            }
        }
        // Soft edges order packages within a stage only: "a -> b" = unpack b before a.
        List<Set<Integer>> soft = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            soft.add(new TreeSet<>(hard.get(i)));
        }
        for (int i = 0; i < n; i++) {
            for (int j : preTargets.get(i)) {
                if (componentOf[i] == componentOf[j]) {
                    requirePreDependsMetByInstalled(nodes.get(i), nodes.get(j), remaining, rules);
                    soft.get(i).remove(j);
                    soft.get(j).add(i); // unpack i while j's installed version is still configured
                }
            }
            addBreaksEdges(i, records, installedByKey, rules, soft);
        }
        // As late as possible: walk dependents first; a dependency is configured no later than its dependent,
        // a pre-dependency one stage before its dependent is unpacked.
        int[] stageOf = new int[components.size()];
        List<List<Integer>> incoming = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            incoming.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int j : hard.get(i)) {
                incoming.get(j).add(i);
            }
        }
        int earliest = 0;
        for (int c = components.size() - 1; c >= 0; c--) {
            int stage = 0;
            for (int j : components.get(c)) {
                for (int i : incoming.get(j)) {
                    if (componentOf[i] != c) {
                        int dependent = stageOf[componentOf[i]];
                        stage = Math.min(stage, preTargets.get(i).contains(j) ? dependent - 1 : dependent);
                    }
                }
            }
            stageOf[c] = stage;
            earliest = Math.min(earliest, stage);
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int s = earliest; s <= 0; s++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            members.get(stageOf[componentOf[i]] - earliest).add(i);
        }
        List<List<Step.Install>> out = new ArrayList<>();
        for (List<Integer> stage : members) {
            if (!stage.isEmpty()) {
                out.add(orderWithin(stage, soft, nodes));
            }
        }
        return out;
    }

    /** The members of one stage, dependencies (and soft predecessors) first; cycles stay adjacent. */
    private static List<Step.Install> orderWithin(List<Integer> stage, List<Set<Integer>> soft,
                                                  List<Step.Install> nodes) {
        Map<Integer, Integer> local = new HashMap<>();
        for (int k = 0; k < stage.size(); k++) {
            local.put(stage.get(k), k);
        }
        List<List<Integer>> edges = new ArrayList<>();
        for (int i : stage) {
            List<Integer> targets = new ArrayList<>();
            for (int j : soft.get(i)) {
                Integer k = local.get(j);
                if (k != null) {
                    targets.add(k);
                }
            }
            edges.add(targets);
        }
        List<Step.Install> out = new ArrayList<>();
        for (List<Integer> component : Scc.components(edges)) {
            for (int k : component) {
                out.add(nodes.get(stage.get(k)));
            }
        }
        return out;
    }

    /**
     * Indices of the other packages in {@code candidates} that satisfy a Depends or Pre-Depends of {@code record}
     * ({@code preOnly}: Pre-Depends only). Every alternative counts: which one holds is the resolver's business,
     * and ordering after all of them is always safe.
     */
    private static List<Integer> dependencyTargets(PackageRecord record, List<PackageRecord> candidates, int self,
                                                   FormatRules rules, boolean preOnly) {
        Set<Integer> out = new TreeSet<>();
        for (Relation relation : record.relations()) {
            boolean pre = relation.kind() == RelationKind.PRE_DEPENDS;
            if (!(pre || (!preOnly && relation.kind() == RelationKind.DEPENDS))) {
                continue;
            }
            for (Requirement.Atom atom : relation.requirement().atoms()) {
                for (int j = 0; j < candidates.size(); j++) {
                    PackageRecord c = candidates.get(j);
                    if (j != self && c != null && rules.satisfies(c, atom, record)) {
                        out.add(j);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static void requirePreDependsMetByInstalled(Step.Install dependent, Step.Install target,
                                                        List<PackageRecord> remaining, FormatRules rules) {
        PackageRecord record = dependent.record();
        for (Relation relation : record.relations(RelationKind.PRE_DEPENDS)) {
            List<Requirement.Atom> atoms = relation.requirement().atoms();
            boolean namesTarget = atoms.stream().anyMatch(a -> rules.satisfies(target.record(), a, record));
            if (!namesTarget) {
                continue;
            }
            boolean met = remaining.stream().anyMatch(r -> !r.id().equals(record.id())
                    && atoms.stream().anyMatch(a -> rules.satisfies(r, a, record)));
            if (!met) {
                throw new InstallerException(record.name() + " pre-depends on " + relation.text() + ", but "
                        + target.name() + " depends back on " + record.name()
                        + ": dpkg cannot configure either before unpacking the other",
                        "install " + target.name() + " on its own first, or report the dependency loop to the "
                                + "packages' maintainers");
            }
        }
    }

    /**
     * When {@code i} Breaks or Conflicts with the installed version of a package {@code j} that this transaction
     * upgrades to a version it accepts (or the installed {@code j} breaks {@code i} and the new one no longer
     * does), unpack {@code j} first: dpkg then need not deconfigure anything.
     */
    private static void addBreaksEdges(int i, List<PackageRecord> records, Map<String, PackageRecord> installed,
                                       FormatRules rules, List<Set<Integer>> soft) {
        PackageRecord mine = records.get(i);
        for (int j = 0; j < records.size(); j++) {
            PackageRecord next = records.get(j);
            PackageRecord old = installed.get(key(next.name(), next.arch()));
            if (j == i || old == null || old.id().equals(next.id())) {
                continue;
            }
            boolean mineBreaksOld = breaks(mine, old, rules) && !breaks(mine, next, rules);
            boolean oldBreaksMine = breaks(old, mine, rules) && !breaks(next, mine, rules);
            if (mineBreaksOld || oldBreaksMine) {
                soft.get(i).add(j);
            }
        }
    }

    private static boolean breaks(PackageRecord breaker, PackageRecord target, FormatRules rules) {
        for (Relation relation : breaker.relations()) {
            if (relation.kind() == RelationKind.BREAKS || relation.kind() == RelationKind.CONFLICTS) {
                for (Requirement.Atom atom : relation.requirement().atoms()) {
                    if (rules.forbids(breaker, relation.kind(), atom, target)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<Step.Remove> concat(List<Step.Remove> a, List<Step.Remove> b) {
        List<Step.Remove> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    static String key(String name, String arch) {
        return name + ":" + arch;
    }
}
