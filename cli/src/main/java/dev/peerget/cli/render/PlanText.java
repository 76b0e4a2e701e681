package dev.peerget.cli.render;

import dev.peerget.engine.install.Simulation;
import dev.peerget.engine.plan.PlanRequest;
import dev.peerget.engine.plan.PlanResult;
import dev.peerget.resolver.Action;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Explanation;
import dev.peerget.resolver.Plan;
import dev.peerget.resolver.Problem;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Renders plans and unsatisfiable requests the way apt-get does. */
public final class PlanText {
    private PlanText() {
    }

    /**
     * The plan as apt-get prints it; with a {@code simulation} (-s) its {@code Inst}/{@code Conf}/{@code Remv}/
     * {@code Purg} lines follow, in the simulation's order. {@code nativeArch} is dpkg's architecture for a Debian
     * plan, whose packages of other architectures are named {@code name:arch} as apt does; null for RPM.
     */
    public static void plan(PrintWriter out, PlanResult result, Plan plan, int width, Simulation simulation,
                            String nativeArch) {
        Names n = new Names(nativeArch);
        List<Action> installs = plan.actions(Action.Kind.INSTALL);
        List<String> additional = installs.stream().filter(Action::automatic).map(a -> n.of(a.to())).sorted()
                .toList();
        section(out, "The following additional packages will be installed:", additional, width);
        section(out, "The following packages will be REMOVED:", n.of(plan.actions(Action.Kind.REMOVE), true)
                .stream().map(name -> result.purge() ? name + "*" : name).toList(), width);
        section(out, "The following NEW packages will be installed:", n.of(installs, false), width);
        section(out, "The following held packages will be changed:", result.heldChanged().stream()
                .map(h -> n.of(h.held())).distinct().sorted().toList(), width);
        if (result.operation() == PlanRequest.Operation.UPGRADE || result.operation() == PlanRequest.Operation.DIST_UPGRADE) {
            // apt lists kept-back packages only for upgrades; other commands just count them.
            section(out, "The following packages have been kept back:",
                    plan.notUpgraded().stream().map(n::of).sorted().toList(), width);
        }
        section(out, "The following packages will be upgraded:", n.of(plan.actions(Action.Kind.UPGRADE), false), width);
        section(out, "The following packages will be DOWNGRADED:", n.of(plan.actions(Action.Kind.DOWNGRADE), false),
                width);
        section(out, "The following packages will be reinstalled:", n.of(plan.actions(Action.Kind.REINSTALL), false),
                width);
        // apt's summary line; it mentions reinstalls and downgrades only when there are some.
        int reinstalls = plan.actions(Action.Kind.REINSTALL).size();
        int downgrades = plan.actions(Action.Kind.DOWNGRADE).size();
        out.printf(Locale.ROOT, "%d upgraded, %d newly installed, %s%s%d to remove and %d not upgraded.%n",
                plan.actions(Action.Kind.UPGRADE).size(), installs.size(),
                reinstalls > 0 ? reinstalls + " reinstalled, " : "", downgrades > 0 ? downgrades + " downgraded, " : "",
                plan.actions(Action.Kind.REMOVE).size(), plan.notUpgraded().size());
        if (result.downloadBytes() > 0) {
            out.println("Need to get " + Sizes.human(result.downloadBytes()) + " of archives.");
        }
        long delta = result.installedSizeDelta();
        if (delta > 0) {
            out.println("After this operation, " + Sizes.human(delta) + " of additional disk space will be used.");
        } else if (delta < 0) {
            out.println("After this operation, " + Sizes.human(-delta) + " disk space will be freed.");
        }
        if (simulation != null) {
            simulation(out, simulation, nativeArch);
        }
    }

    /** apt-get -s's {@code Inst}/{@code Conf}/{@code Remv}/{@code Purg} lines alone (all that -qq -s prints). */
    public static void simulation(PrintWriter out, Simulation simulation, String nativeArch) {
        Names n = new Names(nativeArch);
        for (Simulation.Entry e : simulation.entries()) {
            out.println(simulationLine(e, n));
        }
    }

    /**
     * One line of apt-get -s (apt's pkgSimulate): {@code Remv name [old]}, {@code Purg name [old]},
     * {@code Inst name [old] (new release [arch])} (no {@code [old]} for a new package) and
     * {@code Conf name (new release [arch])}.
     */
    private static String simulationLine(Simulation.Entry e, Names n) {
        Action a = e.action();
        String candidate = a.to() == null ? ""
                : "(" + a.to().record().version() + " " + e.release() + " [" + a.to().record().arch() + "])";
        return switch (e.kind()) {
            case REMOVE -> "Remv " + n.of(a.from()) + " [" + a.from().record().version() + "]";
            case PURGE -> "Purg " + n.of(a.from()) + " [" + a.from().record().version() + "]";
            case UNPACK -> "Inst " + n.of(a.to()) + " "
                    + (a.from() == null ? "" : "[" + a.from().record().version() + "] ") + candidate;
            case CONFIGURE -> "Conf " + n.of(a.to()) + " " + candidate;
        };
    }

    /**
     * Package names as apt prints them (its {@code FullName(true)}): {@code name} for the native architecture and
     * {@code all}, {@code name:arch} for another one, so that {@code libc6} and {@code libc6:i386} stay apart.
     * RPM plans ({@code nativeArch} null) keep the bare name.
     */
    private record Names(String nativeArch) {
        String of(Candidate c) {
            String arch = c.record().arch();
            return nativeArch == null || arch.equals(nativeArch) || arch.equals("all") ? c.name()
                    : c.name() + ":" + arch;
        }

        List<String> of(List<Action> actions, boolean from) {
            return actions.stream().map(a -> of(from ? a.from() : a.to())).sorted(Comparator.naturalOrder()).toList();
        }
    }

    /** A title and the names under it, wrapped to {@code width}, as apt's ShowList; nothing for no names. */
    static void section(PrintWriter out, String title, List<String> names, int width) {
        if (names.isEmpty()) {
            return;
        }
        out.println(title);
        StringBuilder line = new StringBuilder(" ");
        for (String n : names) {
            if (line.length() + n.length() + 1 > width - 1 && line.length() > 1) {
                out.println(line);
                line = new StringBuilder(" ");
            }
            line.append(' ').append(n);
        }
        out.println(line);
    }

    /** An unsatisfiable request: each problem as a numbered chain, then its hints. */
    public static void problems(PrintWriter err, List<Problem> problems) {
        err.println("E: Unable to satisfy the request" + (problems.size() > 1 ? " (" + problems.size() + " problems)" : "")
                + ":");
        int n = 0;
        for (Problem p : problems) {
            if (problems.size() > 1) {
                err.println(" Problem " + (++n) + ":");
            }
            for (int i = 0; i < p.chain().size(); i++) {
                Explanation e = p.chain().get(i);
                err.println("   " + (i == 0 ? "" : "→ ") + e.message());
            }
            for (String hint : p.hints()) {
                err.println("hint: " + hint);
            }
        }
    }
}
