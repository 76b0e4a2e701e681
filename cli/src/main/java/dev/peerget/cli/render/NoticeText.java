package dev.peerget.cli.render;

import dev.peerget.engine.plan.PlanNotice;
import dev.peerget.engine.plan.PlanRequest;
import dev.peerget.engine.plan.PlanResult;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.resolver.Action;
import dev.peerget.resolver.Candidate;
import dev.peerget.resolver.Plan;
import dev.peerget.resolver.Resolution;
import java.io.PrintWriter;
import java.util.List;

/**
 * The notices printed above a plan, in the words of the system's own tool: apt-get's on Debian systems, dnf's on
 * RPM systems where dnf says something else (dnf has no note about unneeded packages: it removes them with
 * what needed them, so apt's note stands for both).
 */
public final class NoticeText {
    private NoticeText() {
    }

    public static void print(PrintWriter out, PlanResult result, int width) {
        boolean rpm = result.format() == PackageFormat.RPM;
        boolean notInstalled = false;
        for (PlanNotice n : result.notices()) {
            if (n instanceof PlanNotice.AlreadyInstalled a) {
                PackageRecord r = a.installed().record();
                out.println(rpm ? "Package " + nevra(r) + " is already installed."
                        : r.name() + " is already the newest version (" + r.version() + ").");
                if (a.wasAutomatic() && !rpm) {
                    out.println(r.name() + " set to manually installed."); // apt-get's words; dnf says nothing
                }
            } else if (n instanceof PlanNotice.NotInstalled ni) {
                notInstalled = true;
                out.println(rpm ? "No match for argument: " + ni.spec()
                        : "Package '" + ni.spec() + "' is not installed, so not removed");
            }
        }
        Plan plan = result.resolution() instanceof Resolution.Solved s ? s.plan() : null;
        if (plan == null) {
            return;
        }
        boolean removal = result.operation() == PlanRequest.Operation.REMOVE
                || result.operation() == PlanRequest.Operation.PURGE;
        if (rpm && notInstalled && removal && plan.actions(Action.Kind.REMOVE).isEmpty()) {
            out.println("No packages marked for removal.");
        }
        List<String> unneeded = plan.unneeded().stream().map(Candidate::name).distinct().sorted().toList();
        if (!unneeded.isEmpty()) {
            boolean one = unneeded.size() == 1;
            PlanText.section(out, one ? "The following package was automatically installed and is no longer required:"
                    : "The following packages were automatically installed and are no longer required:", unneeded,
                    width);
            out.println("Use 'peerget autoremove' to remove " + (one ? "it." : "them."));
        }
    }

    /** dnf's name-[epoch:]version-release.arch. */
    private static String nevra(PackageRecord r) {
        return r.name() + "-" + r.version() + "." + r.arch();
    }
}
