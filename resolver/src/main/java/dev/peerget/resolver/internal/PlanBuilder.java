package dev.peerget.resolver.internal;

import dev.peerget.model.FormatRules;
import dev.peerget.resolver.Action;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Job;
import dev.peerget.resolver.Plan;
import dev.peerget.resolver.Request;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Diffs the chosen set against what is installed. Per name, a chosen build that is not installed replaces an
 * installed build it cannot coexist with (upgrade or downgrade by version order), otherwise it is a new install;
 * installed builds neither chosen nor replaced are removed. Packages are marked automatic unless an install job
 * names their build (name and architecture: apt and dnf keep marks per architecture); upgrades keep the installed
 * build's mark; removals are automatic unless a remove job asked.
 * Stateless.
 */
public final class PlanBuilder {

    private PlanBuilder() {
    }

    public static Plan build(Slice slice, Set<Candidate> chosen, Request request, JobScope scope) {
        return build(slice, chosen, request, scope, Set.of());
    }

    /** The plan, with {@code unneeded}: chosen installed packages nothing needs (see {@link Plan#unneeded()}). */
    public static Plan build(Slice slice, Set<Candidate> chosen, Request request, JobScope scope,
                             Set<Candidate> unneeded) {
        FormatRules rules = slice.rules();
        Set<String> reinstall = new HashSet<>();
        for (Job j : request.jobs()) {
            if (j instanceof Job.Reinstall re) {
                reinstall.add(re.name());
            }
        }
        List<Action> actions = new ArrayList<>();
        List<Candidate> notUpgraded = new ArrayList<>();
        for (String name : slice.names()) {
            List<Candidate> builds = slice.named(name);
            List<Candidate> leaving = new ArrayList<>();
            for (Candidate c : builds) {
                if (c.installed() && !chosen.contains(c)) {
                    leaving.add(c);
                }
            }
            for (Candidate c : builds) {
                if (!chosen.contains(c)) {
                    continue;
                }
                boolean manual = scope.manual(c);
                if (c.installed()) {
                    if (reinstall.contains(name)) {
                        actions.add(new Action(Action.Kind.REINSTALL, c, c, request.isAutomatic(c) && !manual));
                    }
                    continue;
                }
                Candidate from = leaving.stream().filter(i -> !rules.mayCoexist(i.record(), c.record()))
                        .findFirst().orElse(null);
                if (from == null) {
                    // An obsoleter takes over the mark of what it replaces (dnf: the reason is inherited).
                    Set<String> replaces = scope.replacedBy(c);
                    boolean auto = replaces.isEmpty() ? !manual
                            : !manual && replaces.stream().allMatch(request::isAutomaticName);
                    actions.add(new Action(Action.Kind.INSTALL, null, c, auto));
                } else {
                    leaving.remove(from);
                    boolean older = rules.versionScheme().compare(c.record().version(), from.record().version()) < 0;
                    actions.add(new Action(older ? Action.Kind.DOWNGRADE : Action.Kind.UPGRADE, from, c,
                            request.isAutomatic(from) && !manual));
                }
            }
            for (Candidate i : leaving) {
                actions.add(new Action(Action.Kind.REMOVE, i, null, !scope.removed(name)));
            }
        }
        for (Candidate i : chosen) {
            if (i.installed() && keptBack(slice, i)) {
                notUpgraded.add(i);
            }
        }
        Comparator<Candidate> byId = Comparator.comparing((Candidate c) -> c.name())
                .thenComparing(c -> c.record().arch()).thenComparing(c -> c.record().version());
        actions.sort(Comparator.comparing((Action a) -> a.to() != null ? a.to() : a.from(), byId));
        notUpgraded.sort(byId);
        return new Plan(actions, notUpgraded, unneeded.stream().sorted(byId).toList());
    }

    /**
     * Whether the policy's best build of the name (looked up in the whole universe, as apt counts "not upgraded"
     * over every installed package) is newer than the installed build {@code i} the plan keeps.
     */
    private static boolean keptBack(Slice slice, Candidate i) {
        FormatRules rules = slice.rules();
        List<Candidate> builds = new ArrayList<>(slice.universe().named(i.name()));
        builds.removeIf(c -> rules.mayCoexist(c.record(), i.record()) && !c.equals(i));
        if (builds.isEmpty()) {
            return false;
        }
        builds.sort(Ranking.order(rules.versionScheme()));
        Candidate best = builds.get(0);
        return rules.versionScheme().compare(best.record().version(), i.record().version()) > 0;
    }
}
