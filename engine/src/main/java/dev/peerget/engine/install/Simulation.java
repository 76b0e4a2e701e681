package dev.peerget.engine.install;

import dev.peerget.resolver.Action;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a transaction would do, as {@code apt-get -s} shows it: the plan's changes in the order the package tool
 * would make them. For Debian, one entry per package and dpkg run (removals, then unpack and configure stages);
 * otherwise, or when no dpkg order exists, the plan's own order with one entry per action. Immutable.
 */
public record Simulation(List<Entry> entries) {
    public Simulation {
        entries = List.copyOf(entries);
    }

    /** What happens to one package in one run. */
    public enum Kind { REMOVE, PURGE, UNPACK, CONFIGURE }

    /**
     * One package in one run.
     *
     * @param release where the new version comes from, as apt-get -s shows it ({@code Debian:12.5/stable}); empty
     *                for removals
     */
    public record Entry(Kind kind, Action action, String release) {
        public Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(release, "release");
            boolean removal = kind == Kind.REMOVE || kind == Kind.PURGE;
            if (removal != (action.kind() == Action.Kind.REMOVE)) {
                throw new IllegalArgumentException(kind + " entry for a " + action.kind() + " action");
            }
        }
    }

    /**
     * The plan in its own order: each removal once ({@code purge}: as a purge), everything else unpacked, with
     * {@code release} naming where each new version comes from.
     */
    public static Simulation inPlanOrder(Plan plan, boolean purge, Function<Candidate, String> release) {
        List<Entry> out = new ArrayList<>();
        for (Action a : plan.actions()) {
            out.add(a.kind() == Action.Kind.REMOVE ? new Entry(purge ? Kind.PURGE : Kind.REMOVE, a, "")
                    : new Entry(Kind.UNPACK, a, release.apply(a.to())));
        }
        return new Simulation(out);
    }
}
