package dev.peerget.engine.install;

import dev.peerget.engine.plan.PackageSpecs;
import dev.peerget.engine.plan.PlanResult;
import dev.peerget.installer.Step;
import dev.peerget.model.PackageFormat;
import dev.peerget.model.PackageRecord;
import dev.peerget.resolver.Action;
import dev.peerget.resolver.Resolution;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The installer's steps for a solved plan, one per action and in the plan's order: what a real transaction hands
 * to dpkg or rpm, and what a simulation orders. Stateless.
 */
final class PlanSteps {
    private PlanSteps() {
    }

    /**
     * @param fileOf the package file of a repository package (a local file named on the command line is used
     *               where it is)
     */
    static List<Step> of(PlanResult plan, Resolution.Solved solved, Function<PackageRecord, Path> fileOf) {
        List<Step> steps = new ArrayList<>();
        for (Action a : solved.plan().actions()) {
            if (a.kind() == Action.Kind.REMOVE) {
                PackageRecord r = a.from().record();
                String version = plan.format() == PackageFormat.RPM ? r.version() : null;
                steps.add(new Step.Remove(r.name(), r.arch(), version, plan.purge(), a.automatic()));
                continue;
            }
            PackageRecord r = a.to().record();
            Path file = PackageSpecs.isLocalFile(a.to()) ? Path.of(r.location()) : fileOf.apply(r);
            steps.add(new Step.Install(switch (a.kind()) {
                case INSTALL -> dev.peerget.installer.Action.INSTALL;
                case UPGRADE -> dev.peerget.installer.Action.UPGRADE;
                case DOWNGRADE -> dev.peerget.installer.Action.DOWNGRADE;
                case REINSTALL -> dev.peerget.installer.Action.REINSTALL;
                case REMOVE -> throw new IllegalStateException("handled above");
            }, r, file, a.automatic()));
        }
        return steps;
    }
}
