package dev.peerget.cli.commands;

import dev.peerget.engine.plan.PlanRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code reinstall}: Reinstall installed packages at their installed version. */
@Command(name = "reinstall", mixinStandardHelpOptions = true, versionProvider = dev.peerget.cli.VersionProvider.class,
        description = "Reinstall installed packages at their installed version.")
public final class ReinstallCommand extends PlanningCommand {
    @Parameters(arity = "1..*", paramLabel = "PKG", description = "Packages.")
    List<String> packages = new ArrayList<>();

    @Override
    PlanRequest.Operation operation() {
        return PlanRequest.Operation.REINSTALL;
    }

    @Override
    List<String> specs() {
        return packages;
    }
}
